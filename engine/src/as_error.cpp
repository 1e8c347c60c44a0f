// Every exception as a coded Error (error.h): the one place that knows which libraries'
// exceptions the engine may meet. Apart from error.cpp so that builds of the weights
// loader alone (tests/fuzz) need no torch for their errors.
#include <c10/util/Exception.h>

#include <new>

#include "neural_style/error.h"

namespace neural_style {

Error as_error(const std::exception_ptr& error) {
  if (!error) return Error(ErrorCode::unexpected_failure, {"no exception"});
  try {
    std::rethrow_exception(error);
  } catch (const Error& coded) {
    return coded;
  } catch (const c10::Error& e) {
    return Error(ErrorCode::torch_failure, {e.what_without_backtrace()});
  } catch (const std::bad_alloc&) {
    return Error(ErrorCode::out_of_memory);
  } catch (const std::exception& e) {
    return Error(ErrorCode::unexpected_failure, {e.what()});
  } catch (...) {
    return Error(ErrorCode::unexpected_failure, {"an exception of unknown type"});
  }
}

}  // namespace neural_style
