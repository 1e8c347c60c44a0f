// The paintings that ship with the plug-in as built-in styles: small copies of
// public-domain works, kept in models/paintings/ with their provenance (NOTICE there) and
// installed with the plug-in. Both dialogs offer them beside the layers of open images.
#pragma once

#include <array>
#include <string>

#include "arguments.h"
#include "neural_style/plan.h"
#include "neural_style/image.h"

namespace neural_style::plugin {

struct Painting {
  const char* id;    // GIMP 3's builtin-style argument takes this
  const char* file;  // in models/paintings/
  const char* name;  // English, N_() marked; _() shows it in the user's language
};

// Arguments::painting indexes this list.
inline constexpr std::array<Painting, 4> kPaintings = {{
    {"starry-night", "starry_night.jpg", N_("The Starry Night")},
    {"the-scream", "the_scream.jpg", N_("The Scream")},
    {"shipwreck", "shipwreck.jpg", N_("The Shipwreck")},
    {"woman-with-a-hat", "woman-with-hat-matisse.jpg", N_("Woman with a Hat")},
}};

// The painting's file: in the folder "paintings" beside the plug-in (a bundle, the tests'
// plug-ins folder), otherwise in the installed models folder (the same for a system-wide
// and a per-user install, which differ only in the prefix). Throws an execution Failure
// when neither has it.
std::string painting_path(int painting);

// The painting's size in pixels. Throws an execution Failure when it is not installed.
Extent painting_extent(int painting);

// The painting's pixels, R'G'B'A. Throws an execution Failure when it is not installed,
// neural_style::Error when its file cannot be read.
Image read_painting(int painting);

}  // namespace neural_style::plugin
