#include "engine_messages.h"

#include <glib/gi18n-lib.h>

#include "neural_style/weights.h"

namespace neural_style::plugin {

std::string engine_message(const Error& error) {
  return fill_format(_(error_format(error.code())), error.arguments());
}

std::string weights_hint() {
  return fill_format(_(weights_install_hint_format()), {weights_install_command()});
}

Failure failure_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const Failure& failure) {
    return failure;
  } catch (...) {  // an engine Error, or anything else coded as the engine codes it
    return execution_failure(engine_message(as_error(std::current_exception())));
  }
}

}  // namespace neural_style::plugin
