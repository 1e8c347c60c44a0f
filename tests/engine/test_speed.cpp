// The speed cache: the automatic precision is measured once per machine and then read
// back; other keys survive; a pinned or fixed precision is used without choosing; the key
// changes with the built-in network's definition and the engine's build.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <torch/version.h>

#include "neural_style/speed.h"
#include "speed_key.h"

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

TEST_F(SpeedCache, AnotherNetworkRevisionsCostsAreNotUsed) {
  SpeedKeyParts older = speed_key_parts(Settings{});
  ASSERT_FALSE(older.pretrained) << "the built-in network's test, with VGG-19 installed";
  older.network.revision += " (before)";
  write(speed_cache_key(older) + "\tchoice=bf16 fp32=7 bf16=3\n");
  EXPECT_TRUE(precision_needs_measuring(Settings{}));
  EXPECT_FALSE(cached_speed(Settings{}));
  // This revision's line is read: the test can tell.
  write(speed_cache_key(speed_key_parts(Settings{})) + "\tchoice=bf16 fp32=7 bf16=3\n");
  EXPECT_FALSE(precision_needs_measuring(Settings{}));
  ASSERT_TRUE(cached_speed(Settings{}));
  EXPECT_EQ(cached_speed(Settings{})->step_cost, 3);
}

// The parts of this build, this machine and the built-in network.
SpeedKeyParts builtin_parts() {
  Settings s;
  s.weights_path.clear();
  SpeedKeyParts parts = speed_key_parts(s);
  parts.pretrained = false;
  return parts;
}

TEST(SpeedKey, SameInputsGiveTheSameKey) {
  const SpeedKeyParts parts = builtin_parts();
  EXPECT_EQ(speed_cache_key(parts), speed_cache_key(builtin_parts()));
  const std::string key = speed_cache_key(parts);
  EXPECT_EQ(key.rfind("cpu=" + parts.cpu + " torch=" TORCH_VERSION " engine=", 0), 0u) << key;
  EXPECT_NE(key.find(" network=builtin+"), std::string::npos) << key;
  EXPECT_EQ(key.find_first_of("\t\n"), std::string::npos) << key;  // one line, one key
  // This build's parts are known.
  EXPECT_EQ(parts.build.torch, TORCH_VERSION);
  EXPECT_EQ(parts.build.sources.size(), 16u) << parts.build.sources;
  EXPECT_FALSE(parts.build.compiler.empty());
  EXPECT_NE(parts.build.options.find("buildtype="), std::string::npos) << parts.build.options;
  EXPECT_EQ(parts.network.revision, kBuiltinNetworkRevision);
}

// Each change, one at a time: a key of its own, unlike the original's and every other's.
void expect_each_changes_the_key(
    const std::vector<std::pair<const char*, std::function<void(SpeedKeyParts&)>>>& changes) {
  std::set<std::string> keys = {speed_cache_key(builtin_parts())};
  for (const auto& [what, change] : changes) {
    SpeedKeyParts parts = builtin_parts();
    change(parts);
    EXPECT_TRUE(keys.insert(speed_cache_key(parts)).second) << what;
  }
}

TEST(SpeedKey, ChangesWithTheBuiltinNetworksDefinition) {
  expect_each_changes_the_key({
      {"revision", [](SpeedKeyParts& p) { p.network.revision = "next"; }},
      {"kernel", [](SpeedKeyParts& p) { p.network.convs[0].kernel += 2; }},
      {"inputs", [](SpeedKeyParts& p) { p.network.convs[0].in += 1; }},
      {"filters", [](SpeedKeyParts& p) { p.network.convs[0].out += 1; }},
      {"a layer more", [](SpeedKeyParts& p) { p.network.convs.push_back({3, 131, 131}); }},
      {"octaves", [](SpeedKeyParts& p) { p.network.octaves += 1; }},
      {"colour channels", [](SpeedKeyParts& p) { p.network.colour_channels = 0; }},
  });
}

TEST(SpeedKey, ChangesWithTheEngineBuildAndTheMachine) {
  expect_each_changes_the_key({
      {"version", [](SpeedKeyParts& p) { p.build.version = "0.2.0"; }},
      {"compiler", [](SpeedKeyParts& p) { p.build.compiler += " (patched)"; }},
      {"libtorch", [](SpeedKeyParts& p) { p.build.torch = "9.9.9"; }},
      {"sources", [](SpeedKeyParts& p) { p.build.sources = "0123456789abcdef"; }},
      {"options", [](SpeedKeyParts& p) { p.build.options = "buildtype=debug"; }},
      {"cpu", [](SpeedKeyParts& p) { p.cpu = "another"; }},
      {"threads", [](SpeedKeyParts& p) { p.threads += 1; }},
      {"VGG-19", [](SpeedKeyParts& p) { p.pretrained = true; }},
      // Parts are kept apart: moving text from one to the next is a change.
      {"boundary", [](SpeedKeyParts& p) {
         p.build.options = p.build.sources.substr(15) + p.build.options;
         p.build.sources.pop_back();
       }},
  });
}

// VGG-19's cost does not depend on the built-in network's definition.
TEST(SpeedKey, VggIgnoresTheBuiltinNetwork) {
  SpeedKeyParts vgg = builtin_parts();
  vgg.pretrained = true;
  const std::string key = speed_cache_key(vgg);
  EXPECT_NE(key.find(" network=vgg19"), std::string::npos) << key;
  vgg.network.revision = "next";
  EXPECT_EQ(speed_cache_key(vgg), key);
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
