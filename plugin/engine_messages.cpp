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
  } catch (const Error& engine_error) {
    return execution_failure(engine_message(engine_error));
  } catch (const std::exception& other) {
    return execution_failure(engine_message(Error(ErrorCode::torch_failure, {other.what()})));
  }
}

}  // namespace neural_style::plugin
