// The first step of the plug-in's weights lookup (plugin/beside_plugin.h): a weights file
// in the plug-in's own folder comes before everything the engine looks up. The folder is
// that of the running executable, so each test copies this program into a temporary
// folder and runs the copy (--print-weights, --print-beside NAME), from another working
// directory. Nothing installed on the machine can change the results: every candidate
// before the installed models folder is a temporary file here.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "beside_plugin.h"
#include "neural_style/error.h"
#include "neural_style/weights.h"

namespace neural_style::plugin {
namespace {

namespace fs = std::filesystem;

class BesidePlugin : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("neural-style-beside-" + std::to_string(::getpid()));
    fs::create_directories(root_ / "plug-in");
    fs::create_directories(root_ / "data" / "neural-style");
    fs::copy_file(fs::read_symlink("/proc/self/exe"), program());
    // Every lookup candidate after the plug-in's folder exists, so the first one wins.
    ::setenv("XDG_DATA_HOME", (root_ / "data").c_str(), 1);
    ::setenv(kWeightsEnv, file("env.safetensors").c_str(), 1);
    file(std::string("data/neural-style/") + kWeightsFile);
  }
  void TearDown() override {
    ::unsetenv(kWeightsEnv);
    fs::remove_all(root_);
  }
  fs::path program() const { return root_ / "plug-in" / "neural-style"; }
  std::string file(const std::string& name) {
    const fs::path path = root_ / name;
    std::ofstream(path) << "weights";
    return path.string();
  }
  // What the copy prints for `option`, run from the root folder.
  std::string run_copy(const std::string& option) {
    const std::string command = "cd / && '" + program().string() + "' " + option;
    FILE* pipe = ::popen(command.c_str(), "r");
    std::string out;
    char buffer[256];
    while (pipe && std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
    EXPECT_TRUE(pipe && ::pclose(pipe) == 0) << command;
    return out;
  }

  fs::path root_;
};

TEST_F(BesidePlugin, WeightsBesideThePluginComeFirst) {
  const std::string beside = file(std::string("plug-in/") + kWeightsFile);
  EXPECT_EQ(run_copy("--print-weights"), beside + "\n");
}

TEST_F(BesidePlugin, WithoutThemTheEngineLookupFollows) {
  EXPECT_EQ(run_copy("--print-weights"), (root_ / "env.safetensors").string() + "\n");
}

TEST_F(BesidePlugin, FindsFilesAndFoldersOfThePluginsFolderOnly) {
  fs::create_directories(root_ / "plug-in" / "paintings");
  file("elsewhere.txt");
  EXPECT_EQ(run_copy("--print-beside paintings"), (root_ / "plug-in" / "paintings").string() + "\n");
  EXPECT_EQ(run_copy("--print-beside elsewhere.txt"), "\n");
  EXPECT_EQ(run_copy("--print-beside missing"), "\n");
}

}  // namespace
}  // namespace neural_style::plugin

// The copies' own answers, or the tests.
int main(int argc, char** argv) {
  using namespace neural_style::plugin;
  try {
    if (argc == 2 && std::string(argv[1]) == "--print-weights")
      return std::cout << weights_for_run() << "\n", 0;
    if (argc == 3 && std::string(argv[1]) == "--print-beside")
      return std::cout << beside_plugin(argv[2]) << "\n", 0;
  } catch (const neural_style::Error& error) {
    std::cerr << error.what() << "\n";
    return 1;
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
