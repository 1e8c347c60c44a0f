// The image-file errors (engine/cli/image_files.h, which the plug-in reads its built-in
// paintings with), each provoked for real through GEGL; a failed save leaves no file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "image_files.h"
#include "neural_style/error.h"

namespace neural_style::cli {
namespace {

namespace fs = std::filesystem;

class ImageFiles : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { init_image_files(nullptr, nullptr); }
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ns-image-files-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // The code of the Error `action` throws; ErrorCode::count when none.
  template <typename Action>
  ErrorCode code_of(Action action) {
    try {
      action();
    } catch (const Error& error) {
      EXPECT_NE(std::string(error.what()).find(dir_.string()), std::string::npos) << error.what();
      return error.code();
    }
    return ErrorCode::count;
  }

  fs::path dir_;
};

TEST_F(ImageFiles, AMissingFile) {
  EXPECT_EQ(code_of([&] { load_image(path("none.png")); }), ErrorCode::image_file_missing);
}

TEST_F(ImageFiles, AFileThatIsNoImage) {
  std::ofstream(path("garbage.png")) << std::string(200, 'x');
  EXPECT_EQ(code_of([&] { load_image(path("garbage.png")); }), ErrorCode::image_file_unreadable);
}

TEST_F(ImageFiles, AFolderThatDoesNotExist) {
  EXPECT_EQ(code_of([&] { save_image(Image(4, 4, 3), path("no/such/out.png")); }),
            ErrorCode::image_file_unsavable);
}

// Written in full, then renamed onto a folder of that name: the rename fails, and the
// written file goes too.
TEST_F(ImageFiles, ARenameThatFails) {
  fs::create_directories(path("out.png/inside"));
  EXPECT_EQ(code_of([&] { save_image(Image(4, 4, 3), path("out.png")); }),
            ErrorCode::image_file_not_renamed);
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().filename(), "out.png") << "left behind: " << entry.path();
}

TEST_F(ImageFiles, ARoundTripKeepsSizeAndLayout) {
  Image grey(5, 3, 2);
  for (std::size_t i = 0; i < grey.pixels.size(); ++i) grey.pixels[i] = float(i % 2);
  save_image(grey, path("grey.png"));
  const Image back = load_image(path("grey.png"));
  EXPECT_EQ(back.width, 5);
  EXPECT_EQ(back.height, 3);
  EXPECT_EQ(back.channels, 2);
  EXPECT_EQ(back.pixels, grey.pixels);
}

}  // namespace
}  // namespace neural_style::cli
