// The weights lookup order, with temporary files: an explicit path, then
// NEURAL_STYLE_WEIGHTS, then the user's data folder, then the installed models folder;
// a path the user named must exist. Whatever is installed on the machine cannot change
// these results, except the last candidate's.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "neural_style/error.h"
#include "neural_style/weights.h"

namespace neural_style {
namespace {

namespace fs = std::filesystem;

class WeightsLookup : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("neural-style-weights-" + std::to_string(::getpid()));
    fs::create_directories(root_ / "data" / "neural-style");
    ::setenv("XDG_DATA_HOME", (root_ / "data").c_str(), 1);
    ::unsetenv(kWeightsEnv);
  }
  void TearDown() override {
    ::unsetenv(kWeightsEnv);
    fs::remove_all(root_);
  }
  std::string file(const std::string& name) {
    const fs::path path = root_ / name;
    std::ofstream(path) << "weights";
    return path.string();
  }
  std::string data_file() { return file("data/neural-style/" + std::string(kWeightsFile)); }

  fs::path root_;
};

TEST_F(WeightsLookup, ExplicitPathComesFirst) {
  const std::string explicit_path = file("explicit.safetensors");
  ::setenv(kWeightsEnv, file("env.safetensors").c_str(), 1);
  data_file();
  EXPECT_EQ(find_weights(explicit_path), explicit_path);
}

TEST_F(WeightsLookup, EnvironmentComesBeforeTheDataFolder) {
  const std::string env = file("env.safetensors");
  ::setenv(kWeightsEnv, env.c_str(), 1);
  data_file();
  EXPECT_EQ(find_weights(""), env);
}

TEST_F(WeightsLookup, DataFolderComesBeforeTheModelsFolder) {
  const std::string data = data_file();
  EXPECT_EQ(find_weights(""), data);
  const std::vector<std::string> candidates = weights_candidates("");
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_EQ(candidates[0], data);
  EXPECT_NE(candidates[1].find("models/" + std::string(kWeightsFile)), std::string::npos);
}

TEST_F(WeightsLookup, NothingFoundMeansTheBuiltinNetwork) {
  const std::string found = find_weights("");
  // Only an installed file in the models folder, the last candidate, may be found.
  EXPECT_TRUE(found.empty() || found == weights_candidates("").back()) << found;
}

TEST_F(WeightsLookup, ANamedFileMustExist) {
  data_file();
  EXPECT_THROW(find_weights((root_ / "missing.safetensors").string()), Error);
  ::setenv(kWeightsEnv, (root_ / "missing-env.safetensors").c_str(), 1);
  EXPECT_THROW(find_weights(""), Error);
}

}  // namespace
}  // namespace neural_style
