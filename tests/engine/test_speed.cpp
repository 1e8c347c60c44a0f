// The speed cache: the automatic precision is measured once per machine and then read
// back; other keys survive; a pinned or fixed precision is used without choosing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>

#include "neural_style/speed.h"

namespace neural_style {
namespace {

std::optional<std::string> variable(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::optional<std::string>(value) : std::nullopt;
}

void restore(const char* name, const std::optional<std::string>& value) {
  if (value) setenv(name, value->c_str(), 1);
  else unsetenv(name);
}

// An empty cache folder of the test's own and no pinned precision, for the test's length.
class SpeedCache : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::remove_all(folder_);
    setenv("XDG_CACHE_HOME", folder_.c_str(), 1);
    unsetenv(kPrecisionVariable);
  }
  void TearDown() override {
    restore("XDG_CACHE_HOME", cache_);
    restore(kPrecisionVariable, pinned_);
    std::filesystem::remove_all(folder_);
  }
  static std::string text() {
    std::ifstream file(speed_cache_path());
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  }
  static void write(const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(speed_cache_path()).parent_path());
    std::ofstream(speed_cache_path()) << text;
  }
  // This machine's key, from the line a measurement wrote.
  static std::string key() { return text().substr(0, text().find('\t')); }

 private:
  const std::filesystem::path folder_ =
      std::filesystem::temp_directory_path() / ("speed-test-" + std::to_string(getpid()));
  const std::optional<std::string> cache_ = variable("XDG_CACHE_HOME");
  const std::optional<std::string> pinned_ = variable(kPrecisionVariable);
};

TEST_F(SpeedCache, MeasuresOnceThenReadsTheChoiceBack) {
  EXPECT_TRUE(precision_needs_measuring(Settings{}));
  EXPECT_FALSE(cached_speed(Settings{}));
  const Speed measured = speed(Settings{});
  ASSERT_NE(measured.precision, Precision::automatic);
  EXPECT_GT(measured.fp32_step_cost, 0);
  if (measured.precision == Precision::bf16) {
    EXPECT_LT(measured.bf16_step_cost, measured.fp32_step_cost);
  }
  EXPECT_FALSE(precision_needs_measuring(Settings{}));
  for (const char* field : {"cpu=", "flags:", "torch=", "engine=", "threads=", "network=builtin"})
    EXPECT_NE(key().find(field), std::string::npos) << key();

  // What a later run uses is the file's: costs no machine has show that it is read.
  write(key() + "\tchoice=bf16 fp32=7 bf16=3\n");
  const Speed read = speed(Settings{});
  EXPECT_EQ(read.precision, Precision::bf16);
  EXPECT_EQ(read.step_cost, 3);
  EXPECT_EQ(run_precision(Settings{}), Precision::bf16);
  Settings two_threads;
  two_threads.threads = 2 + static_cast<int>(std::thread::hardware_concurrency());
  EXPECT_TRUE(precision_needs_measuring(two_threads));  // another key
}

TEST_F(SpeedCache, KeepsOtherKeysAndMeasuresAnUnreadableLineAgain) {
  write("another machine\tchoice=fp32 fp32=1 bf16=0\n");
  EXPECT_TRUE(precision_needs_measuring(Settings{}));
  speed(Settings{});
  EXPECT_EQ(text().rfind("another machine\tchoice=fp32 fp32=1 bf16=0\n", 0), 0u) << text();
  const std::string mine = key();
  write(mine + "\tchoice=bf16 fp32=x\n");
  EXPECT_TRUE(precision_needs_measuring(Settings{}));
  write(mine + "\tchoice=bf16 fp32=1 bf16=0\n");  // a choice without its cost
  EXPECT_TRUE(precision_needs_measuring(Settings{}));
}

TEST_F(SpeedCache, APinnedOrFixedPrecisionIsUsedWithoutChoosing) {
  setenv(kPrecisionVariable, "bf16", 1);
  EXPECT_FALSE(precision_needs_measuring(Settings{}));
  EXPECT_EQ(run_precision(Settings{}), Precision::bf16);
  unsetenv(kPrecisionVariable);
  Settings fixed;
  fixed.precision = Precision::fp32;
  EXPECT_EQ(run_precision(fixed), Precision::fp32);
  EXPECT_FALSE(std::filesystem::exists(speed_cache_path()));  // nothing was measured

  // The estimate's cost of a fixed precision is measured and kept, without a choice.
  const Speed cost = speed(fixed);
  EXPECT_EQ(cost.precision, Precision::fp32);
  EXPECT_GT(cost.step_cost, 0);
  EXPECT_EQ(speed(fixed).step_cost, cost.step_cost);  // read back, not measured again
  EXPECT_TRUE(precision_needs_measuring(Settings{}));
}

TEST(StepCost, IsPlausible) {
  Settings fp32;
  fp32.precision = Precision::fp32;
  const double cost = measure_step_cost(fp32);
  EXPECT_GT(cost, 0.01);  // no machine does a VGG-19 step on a megapixel in 10 ms
  EXPECT_LT(cost, 1000.0);
}

}  // namespace
}  // namespace neural_style
