// The weights file reader: a round trip, and every way a file can be bad.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "neural_style/error.h"
#include "safetensors.h"
#include "vgg.h"

namespace neural_style {
namespace {

namespace fs = std::filesystem;

class SafetensorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ns-safetensors-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // A file with the given header text and `data_bytes` bytes of data.
  std::string raw(const std::string& name, const std::string& header, std::size_t data_bytes) {
    std::ofstream out(path(name), std::ios::binary);
    const std::uint64_t size = header.size();
    for (int i = 0; i < 8; ++i) out.put(static_cast<char>(size >> (8 * i)));
    out << header << std::string(data_bytes, '\0');
    return path(name);
  }

  std::string message_of(const std::string& file) {
    try {
      safetensors::read_header(file);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }

  fs::path dir_;
};

TEST_F(SafetensorsTest, RoundTripKeepsShapesAndValues) {
  std::vector<float> a(24), b(5);
  std::iota(a.begin(), a.end(), -3.5f);
  std::iota(b.begin(), b.end(), 100.0f);
  safetensors::write_f32(path("t.safetensors"), {{"a", {{2, 3, 4}, a}}, {"b.bias", {{5}, b}}});
  const auto header = safetensors::read_header(path("t.safetensors"));
  ASSERT_EQ(header.tensors.size(), 2u);
  EXPECT_EQ(header.tensors.at("a").shape, (std::vector<std::int64_t>{2, 3, 4}));
  EXPECT_EQ(safetensors::read_f32(path("t.safetensors"), header, "a"), a);
  EXPECT_EQ(safetensors::read_f32(path("t.safetensors"), header, "b.bias"), b);
}

TEST_F(SafetensorsTest, ReadsMetadata) {
  const std::string file = raw("m.safetensors",
      R"({"__metadata__":{"format":"pt"},"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", 4);
  EXPECT_EQ(safetensors::read_header(file).metadata.at("format"), "pt");
}

TEST_F(SafetensorsTest, RejectsTruncatedFile) {
  std::vector<float> a(100, 1.0f);
  safetensors::write_f32(path("t.safetensors"), {{"a", {{100}, a}}});
  fs::resize_file(path("t.safetensors"), fs::file_size(path("t.safetensors")) - 10);
  EXPECT_NE(message_of(path("t.safetensors")).find("truncated"), std::string::npos);
  fs::resize_file(path("t.safetensors"), 5);
  EXPECT_NE(message_of(path("t.safetensors")).find("too short"), std::string::npos);
}

TEST_F(SafetensorsTest, RejectsGarbage) {
  std::mt19937 random(7);
  std::ofstream out(path("g.bin"), std::ios::binary);
  for (int i = 0; i < 4096; ++i) out.put(static_cast<char>(random()));
  out.close();
  EXPECT_NE(message_of(path("g.bin")).find("not valid"), std::string::npos);
  EXPECT_NE(message_of(raw("j.safetensors", "{not json at all", 0)).find("not a JSON object"),
            std::string::npos);
  EXPECT_NE(message_of(raw("n.safetensors", "[1,2,3]", 0)).find("not a JSON object"),
            std::string::npos);
}

TEST_F(SafetensorsTest, RejectsHostileOffsetsAndShapes) {
  EXPECT_FALSE(message_of(raw("o.safetensors",
      R"({"x":{"dtype":"F32","shape":[4],"data_offsets":[0,1600000000]}})", 16)).empty());
  EXPECT_FALSE(message_of(raw("s.safetensors",
      R"({"x":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}})", 16)).empty());
  EXPECT_FALSE(message_of(raw("w.safetensors",
      R"({"x":{"dtype":"F32","shape":[4000000000,4000000000,4000000000],"data_offsets":[0,16]}})", 16)).empty());
  EXPECT_FALSE(message_of(raw("d.safetensors",
      R"({"x":{"dtype":"Q7","shape":[4],"data_offsets":[0,4]}})", 4)).empty());
  EXPECT_FALSE(message_of(raw("e.safetensors", R"({"x":{"dtype":"F32"}})", 0)).empty());
  EXPECT_FALSE(message_of(raw("r.safetensors",
      R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}})", 8)).empty());
}

TEST_F(SafetensorsTest, RejectsHugeHeaderLength) {
  std::ofstream out(path("h.safetensors"), std::ios::binary);
  for (int i = 0; i < 8; ++i) out.put(static_cast<char>(0xff));
  out << "{}";
  out.close();
  EXPECT_NE(message_of(path("h.safetensors")).find("header length"), std::string::npos);
}

TEST_F(SafetensorsTest, RejectsWrongDtypeWhenReading) {
  const std::string file = raw("f16.safetensors",
      R"({"x":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}})", 4);
  const auto header = safetensors::read_header(file);
  EXPECT_THROW(safetensors::read_f32(file, header, "x"), Error);
  EXPECT_THROW(safetensors::read_f32(file, header, "missing"), Error);
}

// The VGG-19 loader on files that are valid safetensors but not VGG-19 weights.
TEST_F(SafetensorsTest, VggLoaderNamesMissingOrMisshapenTensor) {
  std::vector<float> small(10, 0.0f);
  safetensors::write_f32(path("other.safetensors"), {{"features.0.weight", {{10}, small}}});
  try {
    Vgg19::load(path("other.safetensors"));
    FAIL() << "loaded a file that is not VGG-19";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("features.0.weight"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("wrong shape"), std::string::npos) << e.what();
  }
  safetensors::write_f32(path("none.safetensors"), {{"something.else", {{10}, small}}});
  try {
    Vgg19::load(path("none.safetensors"));
    FAIL() << "loaded a file without VGG-19 tensors";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("lacks tensor 'features.0.weight'"), std::string::npos);
  }
  EXPECT_THROW(Vgg19::load(path("does-not-exist.safetensors")), Error);
}

}  // namespace
}  // namespace neural_style
