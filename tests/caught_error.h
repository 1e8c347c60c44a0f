// The neural_style::Error a call throws, for tests that provoke engine errors; fails the
// test when it throws none.
#pragma once

#include <gtest/gtest.h>

#include <functional>

#include "neural_style/error.h"

namespace neural_style {

inline Error caught(const std::function<void()>& provoke) {
  try {
    provoke();
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "no Error thrown";
  return Error(ErrorCode::count);
}

}  // namespace neural_style
