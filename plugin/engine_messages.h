// The engine speaks English: it knows nothing of gettext, so that it stays free of GLib.
// Its errors carry a code and arguments (neural_style/error.h); each code's English
// message is a msgid of the plug-in's catalogues, so the plug-in shows it in the user's
// language with the arguments filled in. The test of every code (tests/plugin) fails
// when a catalogue lacks one.
#pragma once

#include <exception>
#include <string>

#include "failure.h"
#include "neural_style/error.h"

namespace neural_style::plugin {

// The error's message in the user's language (English where no catalogue has it).
std::string engine_message(const Error& error);

// The message that no VGG-19 weights are installed, with the command that installs
// them, in the user's language.
std::string weights_hint();

// Any exception a run throws, as the Failure GIMP is told of: a Failure as it is, an
// engine Error as an execution failure in the user's language, anything else as the
// engine codes it (as_error(): libtorch's as "The style transfer failed: …", others as
// "Unexpected error: …"). Both plug-in hosts answer GIMP from it.
Failure failure_of(const std::exception_ptr& error);

}  // namespace neural_style::plugin
