// The image-file errors (engine/image_files/image_files.h, which the CLI and the plug-in's
// built-in paintings read with), each provoked for real through GEGL; a failed save leaves
// no file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "image_files.h"
#include "neural_style/error.h"

namespace neural_style::image_files {
namespace {

namespace fs = std::filesystem;

class ImageFiles : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { init(nullptr, nullptr); }
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

TEST_F(ImageFiles, AFolder) {
  fs::create_directories(path("photo.png"));
  EXPECT_EQ(code_of([&] { load_image(path("photo.png")); }), ErrorCode::image_file_is_folder);
}

TEST_F(ImageFiles, AnEmptyFile) {
  std::ofstream(path("empty.png"));
  EXPECT_EQ(code_of([&] { load_image(path("empty.png")); }), ErrorCode::image_file_empty);
}

// A PNG whose header claims 100000 x 100000 pixels in 70 bytes: refused from the header,
// before anything is allocated for it.
TEST_F(ImageFiles, ADecompressionBomb) {
  const unsigned char bomb[] = {
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
      0x44, 0x52, 0x00, 0x01, 0x86, 0xa0, 0x00, 0x01, 0x86, 0xa0, 0x08, 0x02, 0x00, 0x00,
      0x00, 0x27, 0x30, 0x9c, 0x9f, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78,
      0x9c, 0x63, 0x60, 0x18, 0x05, 0xc4, 0x02, 0x00, 0x01, 0x2c, 0x00, 0x01, 0x07, 0x8a,
      0xc6, 0x2e, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
  std::ofstream(path("bomb.png"), std::ios::binary)
      .write(reinterpret_cast<const char*>(bomb), sizeof bomb);
  EXPECT_EQ(image_size(path("bomb.png")), std::make_pair(100000, 100000));
  EXPECT_EQ(code_of([&] { load_image(path("bomb.png")); }), ErrorCode::image_file_too_large);
}

// A file saved whole, then cut in half: GEGL decodes what is there and warns.
class CutShort : public ImageFiles, public ::testing::WithParamInterface<const char*> {};

TEST_P(CutShort, IsRefused) {
  Image picture(64, 48, 3);
  for (std::size_t i = 0; i < picture.pixels.size(); ++i) picture.pixels[i] = float(i % 97) / 96;
  const std::string whole = path(std::string("whole") + GetParam());
  save_image(picture, whole);
  load_image(whole);  // whole, it loads
  std::ifstream in(whole, std::ios::binary);
  const std::vector<char> bytes{std::istreambuf_iterator<char>(in), {}};
  const std::string half = path(std::string("half") + GetParam());
  std::ofstream(half, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size() / 2));
  EXPECT_EQ(code_of([&] { load_image(half); }), ErrorCode::image_file_damaged);
}

INSTANTIATE_TEST_SUITE_P(ImageFiles, CutShort, ::testing::Values(".png", ".jpg"));

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
}  // namespace neural_style::image_files
