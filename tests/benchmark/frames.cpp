// Prints the flicker of animation frames stylised on their own and with the temporally
// coherent method (frames.h), on two generated sequences whose true motion is known: a
// photo panned and zoomed, and a textured disc moving over a painting. Flicker is the
// mean absolute difference between consecutive stylised frames after moving the earlier
// one by the true motion, outside occlusions (0..1 per channel). Also each frame's style
// and content losses against the independent frame's, and the time per frame; writes a
// contact sheet of a few frames of both; the last frame's style loss layer by layer; the
// first frame's lines along its edges; and the first frame's style loss with its border
// cut off. A program, not a test: read its figures.
//
//   neural-style-frames-benchmark [--frames N] [--iterations N] [--weights W,W,...]
//       [--sequences pan,object] [--sheet FILE.png] [--save DIR]
// --save writes every frame at 100% (DIR/pan-independent-01.png, DIR/pan-w5-01.png, ...):
// the sheet halves them, which hides seams and fine lines.
// The temporal weights default to the engine's default (frames.h).
#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "image_files.h"
#include "neural_style/frames.h"
#include "optical_flow.h"

namespace {

using namespace neural_style;
constexpr int kSide = 256;

struct Sequence {
  std::string name;
  std::vector<Image> frames;
  std::vector<Flow> truth;    // [k]: from frame k back to frame k-1 (k >= 1)
  std::vector<Image> valid;   // [k]: 1 where frame k's pixel was visible in frame k-1
};

// Bilinear read of an RGB image, clamped at the edges.
float sample(const Image& im, float x, float y, int c) {
  x = std::clamp(x, 0.0f, im.width - 1.0f);
  y = std::clamp(y, 0.0f, im.height - 1.0f);
  const int x0 = std::min(int(x), im.width - 2), y0 = std::min(int(y), im.height - 2);
  const float fx = x - x0, fy = y - y0;
  return (1 - fy) * ((1 - fx) * im.at(x0, y0, c) + fx * im.at(x0 + 1, y0, c)) +
         fy * ((1 - fx) * im.at(x0, y0 + 1, c) + fx * im.at(x0 + 1, y0 + 1, c));
}

// A box-filtered copy `factor` times smaller: the sequences sample it at about 1:1, so
// the content frames themselves do not alias from frame to frame.
Image shrink(const Image& im, int factor) {
  Image out(im.width / factor, im.height / factor, 3);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x)
      for (int c = 0; c < 3; ++c) {
        float sum = 0;
        for (int j = 0; j < factor; ++j)
          for (int i = 0; i < factor; ++i) sum += im.at(x * factor + i, y * factor + j, std::min(c, im.channels - 1));
        out.at(x, y, c) = sum / (factor * factor);
      }
  return out;
}

// A window over the photo that pans right and down and zooms in 2% a frame. Frame k's
// pixel p shows the photo at centre_k + scale_k (p - 128): the motion is known exactly.
Sequence pan_zoom(const Image& photo, int count) {
  Sequence s{"pan and zoom over the GIMP splash", {}, {}, {}};
  const Image small = shrink(photo, std::max(1, photo.width / 640));
  auto centre_x = [&](int k) { return 0.3f * small.width + 9.0f * k; };
  auto centre_y = [&](int k) { return 0.5f * small.height + 2.0f * k; };
  auto scale = [](int k) { return 1.15f * std::pow(0.98f, float(k)); };
  for (int k = 0; k < count; ++k) {
    Image f(kSide, kSide, 3);
    for (int y = 0; y < kSide; ++y)
      for (int x = 0; x < kSide; ++x)
        for (int c = 0; c < 3; ++c)
          f.at(x, y, c) = sample(small, centre_x(k) + scale(k) * (x - 128.0f), centre_y(k) + scale(k) * (y - 128.0f), c);
    s.frames.push_back(f);
    Flow back(kSide, kSide);
    Image valid(kSide, kSide, 1);
    for (int y = 0; y < kSide && k > 0; ++y)
      for (int x = 0; x < kSide; ++x) {
        const float px = centre_x(k) + scale(k) * (x - 128.0f), py = centre_y(k) + scale(k) * (y - 128.0f);
        const float bx = 128.0f + (px - centre_x(k - 1)) / scale(k - 1);
        const float by = 128.0f + (py - centre_y(k - 1)) / scale(k - 1);
        back.dx[back.index(x, y)] = bx - x;
        back.dy[back.index(x, y)] = by - y;
        valid.at(x, y, 0) = bx >= 0 && by >= 0 && bx <= kSide - 1 && by <= kSide - 1;
      }
    s.truth.push_back(back);
    s.valid.push_back(valid);
  }
  return s;
}

// A disc of radius 56 carrying a piece of the photo moves 7 px right and 2 px down a frame
// over a still painting. Not compared: what the disc uncovered, and a 2 px band on its
// edge (where the flow is a step).
Sequence moving_disc(const Image& painting, const Image& photo, int count) {
  Sequence s{"a disc moving over The Shipwreck", {}, {}, {}};
  const Image back_image = shrink(painting, std::max(1, painting.height / kSide));
  const Image disc_image = shrink(photo, std::max(1, photo.width / 640));
  constexpr float kRadius = 56, kVx = 7, kVy = 2;
  auto cx = [](int k) { return 70.0f + kVx * k; };
  auto cy = [](int k) { return 100.0f + kVy * k; };
  auto distance = [&](int k, int x, int y) { return std::hypot(x - cx(k), y - cy(k)) - kRadius; };
  for (int k = 0; k < count; ++k) {
    Image f(kSide, kSide, 3), valid(kSide, kSide, 1);
    Flow back(kSide, kSide);
    for (int y = 0; y < kSide; ++y)
      for (int x = 0; x < kSide; ++x) {
        const bool inside = distance(k, x, y) < 0;
        for (int c = 0; c < 3; ++c)
          f.at(x, y, c) = inside ? sample(disc_image, 300 + x - cx(k), 150 + y - cy(k), c)
                                 : sample(back_image, x + 20.0f, y, c);
        if (k == 0) continue;
        back.dx[back.index(x, y)] = inside ? -kVx : 0;
        back.dy[back.index(x, y)] = inside ? -kVy : 0;
        const bool uncovered = !inside && distance(k - 1, x, y) < 0;
        valid.at(x, y, 0) = !uncovered && std::abs(distance(k, x, y)) > 2;
      }
    s.frames.push_back(f);
    s.truth.push_back(back);
    s.valid.push_back(valid);
  }
  return s;
}

// Mean over frames 2..n of the mean absolute difference, on valid pixels, between frame k
// and frame k-1 moved by the true motion.
double flicker(const std::vector<Image>& frames, const Sequence& s) {
  double total = 0;
  for (std::size_t k = 1; k < frames.size(); ++k) {
    const Image moved = warp(frames[k - 1], s.truth[k]);
    double sum = 0;
    long n = 0;
    for (int y = 0; y < kSide; ++y)
      for (int x = 0; x < kSide; ++x) {
        if (s.valid[k].at(x, y, 0) < 0.5f) continue;
        for (int c = 0; c < 3; ++c) sum += std::abs(moved.at(x, y, c) - frames[k].at(x, y, c));
        n += 3;
      }
    total += sum / std::max(1L, n);
  }
  return total / (frames.size() - 1);
}

// Mean over frames 2..n of the mean distance, on valid pixels, between the optical flow
// the engine computes from frame k back to k-1 and the true motion (pixels).
double flow_error(const Sequence& s) {
  double total = 0;
  for (std::size_t k = 1; k < s.frames.size(); ++k) {
    const Flow f = optical_flow(s.frames[k], s.frames[k - 1]);
    double sum = 0;
    long n = 0;
    for (int y = 0; y < kSide; ++y)
      for (int x = 0; x < kSide; ++x) {
        if (s.valid[k].at(x, y, 0) < 0.5f) continue;
        const std::size_t i = f.index(x, y);
        sum += std::hypot(f.dx[i] - s.truth[k].dx[i], f.dy[i] - s.truth[k].dy[i]);
        ++n;
      }
    total += sum / std::max(1L, n);
  }
  return total / (s.frames.size() - 1);
}

// Lines parallel to a frame's top and left edges, as lines across an edge band's second
// differences over lines along it (luminance; rows 6-40 under the top edge, columns 6-40
// beside the left): about 1 on a painting with no preferred direction, more where lines
// run along the edge (the coherent pan once carried each frame's painted edge inward).
struct EdgeLines {
  double top = 0, left = 0;
};

EdgeLines edge_lines(const Image& im) {
  auto luminance = [&](int x, int y) { return (im.at(x, y, 0) + im.at(x, y, 1) + im.at(x, y, 2)) / 3; };
  // Mean |second difference| across (along y) and along (x) a band, or the other way.
  auto second = [&](int x0, int x1, int y0, int y1, int dx, int dy) {
    double sum = 0;
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x)
        sum += std::abs(luminance(x - dx, y - dy) - 2 * luminance(x, y) + luminance(x + dx, y + dy));
    return sum;
  };
  constexpr int kFrom = 6, kTo = 40, kEnd = kSide - 6;
  return {second(kTo, kEnd, kFrom, kTo, 0, 1) / second(kTo, kEnd, kFrom, kTo, 1, 0),
          second(kFrom, kTo, kTo, kEnd, 1, 0) / second(kFrom, kTo, kTo, kEnd, 0, 1)};
}

struct Measured {
  std::vector<Image> images;
  std::vector<Losses> losses;
  std::vector<double> seconds;  // per frame: the process's CPU time (see cpu_seconds)
  std::string precision;
};

// CPU time of the whole process, not wall time: on these shared machines other jobs
// take the cores and even pause niced ones, which wall time would count as the frame's.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

Measured stylise(const Sequence& s, const Image& style, const Settings& settings, double weight) {
  Measured m;
  const double start = cpu_seconds();
  double first = start;  // when the first frame's first run last reported
  const FramesResult r = transfer_frames(s.frames, {style}, settings, weight, [&](const FrameProgress& p) {
    if (runs_before(p) == 0) first = cpu_seconds();
    return true;
  });
  // Every run after the first frame's first (both passes), spread over the later frames.
  const double later = (cpu_seconds() - first) / double(s.frames.size() - 1);
  for (std::size_t k = 0; k < r.frames.size(); ++k) {
    m.images.push_back(r.frames[k].image);
    // The picture handed back, measured alike for both methods (Result::losses are
    // the best iterate's, which may lie outside 0..1).
    m.losses.push_back(losses_of(r.frames[k].image, s.frames[k], {style}, settings));
    m.seconds.push_back(k == 0 ? first - start : later);
  }
  m.precision = r.frames.front().precision;
  return m;
}

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= list.size()) {
    const std::size_t comma = std::min(list.find(',', at), list.size());
    if (comma > at) out.push_back(list.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

std::string cpu_text() {
  std::string model = "unknown", flags;
  if (FILE* p = popen("lscpu", "r")) {
    char line[4096];
    while (std::fgets(line, sizeof line, p)) {
      std::string l = line;
      if (l.rfind("Model name:", 0) == 0) model = l.substr(l.find_first_not_of(" ", 11));
      if (l.rfind("Flags:", 0) == 0) flags = l;
    }
    pclose(p);
  }
  if (!model.empty() && model.back() == '\n') model.pop_back();
  auto has = [&](const char* f) { return flags.find(std::string(" ") + f) != std::string::npos ? "yes" : "no"; };
  return model + "; avx512f " + has("avx512f") + ", avx512_bf16 " + has("avx512_bf16") +
         ", amx_bf16 " + has("amx_bf16");
}

// Rows of frames (every `every`-th), each row one method, one block per sequence.
void write_sheet(const std::string& path, const std::vector<std::vector<const std::vector<Image>*>>& blocks,
                 int columns, int every) {
  constexpr int kTile = kSide / 2;
  int rows = 0;
  for (const auto& b : blocks) rows += int(b.size());
  Image sheet(columns * kTile, rows * kTile, 3);
  int row = 0;
  for (const auto& block : blocks)
    for (const std::vector<Image>* frames : block) {
      for (int col = 0; col < columns && col * every < int(frames->size()); ++col) {
        const Image& f = (*frames)[col * every];
        for (int y = 0; y < kTile; ++y)
          for (int x = 0; x < kTile; ++x)
            for (int c = 0; c < 3; ++c)
              sheet.at(col * kTile + x, row * kTile + y, c) = f.at(2 * x, 2 * y, std::min(c, f.channels - 1));
      }
      ++row;
    }
  image_files::save_image(sheet, path);
}

std::string numbers(const std::vector<double>& values) {
  std::string text;
  for (const double v : values) {
    char r[16];
    std::snprintf(r, sizeof r, " %.2f", v);
    text += r;
  }
  return text;
}

// Every frame of `frames` as DIR/<sequence>-<method>-<frame>.png.
void save_frames(const std::string& dir, const std::string& sequence, const std::string& method,
                 const std::vector<Image>& frames) {
  if (dir.empty()) return;
  const std::string prefix = dir + "/" + sequence + "-" + method + "-";
  for (std::size_t k = 0; k < frames.size(); ++k) {
    char number[32];
    std::snprintf(number, sizeof number, "%02zu.png", k + 1);
    image_files::save_image(frames[k], prefix + number);
  }
}

std::vector<double> style_losses(const Measured& m) {
  std::vector<double> out;
  for (const Losses& l : m.losses) out.push_back(l.style);
  return out;
}

// The last frame's style loss layer by layer, coherent over independent: which scale of
// the painting's structure the excess is in (relu1_1 single pixels ... relu5_1 the
// largest shapes).
void print_layers(const Sequence& s, const Measured& alone, const Measured& coherent,
                  const Image& style, const Settings& settings) {
  const std::size_t last = coherent.images.size() - 1;
  std::string text;
  for (const std::string& layer : settings.style_layers) {
    Settings one = settings;
    one.style_layers = {layer};
    const double a = losses_of(alone.images[last], s.frames[last], {style}, one).style;
    const double c = losses_of(coherent.images[last], s.frames[last], {style}, one).style;
    char r[64];
    std::snprintf(r, sizeof r, " %s %.2f", layer.c_str(), c / a);
    text += r;
  }
  std::printf("    frame %zu's style loss by layer over the independent frame's:%s\n", last + 1,
              text.c_str());
}

// The `margin` px along every side of `im` cut off.
Image cropped(const Image& im, int margin) {
  Image out(im.width - 2 * margin, im.height - 2 * margin, im.channels);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x)
      for (int c = 0; c < im.channels; ++c) out.at(x, y, c) = im.at(x + margin, y + margin, c);
  return out;
}

// The style loss of the independent first frame's painting with its border cut off,
// against a fresh painting of the cut photo. Frames whose strokes follow the scene are
// each a piece of the painting before with the border elsewhere (the pan moves it about
// 8 px a frame): this shows how much the style loss depends on where the border lies,
// and the photo's own style loss how small a painting's is.
void print_crops(const Sequence& s, const Measured& alone, const Image& style, const Settings& settings) {
  std::string text;
  for (const int margin : {4, 8, 16}) {
    const Image photo = cropped(s.frames.front(), margin);
    const double piece = losses_of(cropped(alone.images.front(), margin), photo, {style}, settings).style;
    const Image fresh = transfer(photo, {style}, settings, {}).image;
    char r[96];
    std::snprintf(r, sizeof r, " %d px %.2f / %.2f", margin, piece,
                  losses_of(fresh, photo, {style}, settings).style);
    text += r;
  }
  std::printf("  frame 1 without its border, the independent painting cut / a fresh painting of the"
              " cut photo (style loss; the photo itself %.0f, its painting %.2f):%s\n",
              losses_of(s.frames.front(), s.frames.front(), {style}, settings).style,
              alone.losses.front().style, text.c_str());
}

void print_comparison(const Sequence& s, const Measured& alone, const Measured& coherent, double weight) {
  // Every frame, the first included: the second pass repaints it too.
  double style_worst = 0, content_worst = 0, later = 0;
  std::vector<double> ratios;
  for (std::size_t k = 0; k < alone.losses.size(); ++k) {
    ratios.push_back(coherent.losses[k].style / alone.losses[k].style);
    style_worst = std::max(style_worst, ratios.back());
    content_worst = std::max(content_worst, coherent.losses[k].content / alone.losses[k].content);
    if (k > 0) later += coherent.seconds[k];
  }
  later /= double(coherent.seconds.size() - 1);
  const double f0 = flicker(alone.images, s), f1 = flicker(coherent.images, s);
  std::printf("  temporal weight %-8g flicker %.4f (%.1fx lower)  style loss <= %.2fx, content loss <= %.2fx"
              " of independent  first frame %.1f CPU s, later %.1f (%.0f%%)\n",
              weight, f1, f0 / f1, style_worst, content_worst, coherent.seconds[0], later,
              100 * later / coherent.seconds[0]);
  std::printf("    style loss of frames 1..%zu over the independent frame's:%s\n", alone.losses.size(),
              numbers(ratios).c_str());
  // The frames' own losses: the independent frames' vary with the picture, and the
  // coherent ones show whether their excess grows along the sequence.
  std::printf("    style loss of frames 1..%zu, independent:%s\n", alone.losses.size(),
              numbers(style_losses(alone)).c_str());
  std::printf("    style loss of frames 1..%zu, coherent:   %s\n", alone.losses.size(),
              numbers(style_losses(coherent)).c_str());
  const EdgeLines a = edge_lines(alone.images.front()), c = edge_lines(coherent.images.front());
  std::printf("    frame 1's lines along its top / left edge (1 = none): independent %.2f / %.2f,"
              " coherent %.2f / %.2f\n", a.top, a.left, c.top, c.left);
}

}  // namespace

int main(int argc, char** argv) {
  int count = 12;
  Settings settings;
  settings.seed = 1;
  std::vector<std::string> weights = {number_text(kDefaultTemporalWeight)}, sequences = {"pan", "object"};
  std::string sheet = NEURAL_STYLE_FRAMES_SHEET, save;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--frames") count = std::stoi(value);
    else if (key == "--iterations") settings.iterations = std::stoi(value);
    else if (key == "--weights") weights = split(value);
    else if (key == "--sequences") sequences = split(value);
    else if (key == "--sheet") sheet = value;
    else if (key == "--save") save = value;
    else return std::fprintf(stderr, "unknown option %s\n", key.c_str()), 2;
  }
  image_files::init(&argc, &argv);
  const std::string paintings = NEURAL_STYLE_SOURCE_DIR "/models/paintings/";
  const Image photo = image_files::load_image("/usr/share/gimp/2.0/images/gimp-splash.png", 3);
  const Image style = image_files::load_image(paintings + "starry_night.jpg", 3);
  const Image shipwreck = image_files::load_image(paintings + "shipwreck.jpg", 3);
  std::printf("CPU: %s\n%d frames of %dx%d, %d iterations (later frames: frames.cpp's share), "
              "style The Starry Night, built-in network unless weights are installed\n",
              cpu_text().c_str(), count, kSide, kSide, settings.iterations);
  std::vector<std::vector<const std::vector<Image>*>> blocks;
  std::vector<Sequence> made;
  std::vector<Measured> results;
  made.reserve(sequences.size());
  results.reserve(sequences.size() * (weights.size() + 1));
  for (const std::string& which : sequences) {
    made.push_back(which == "pan" ? pan_zoom(photo, count) : moving_disc(shipwreck, photo, count));
    const Sequence& s = made.back();
    std::printf("%s: optical flow's mean error %.3f px\n", s.name.c_str(), flow_error(s));
    results.push_back(stylise(s, style, settings, 0));
    const Measured& alone = results.back();
    double alone_later = 0;
    for (std::size_t k = 1; k < alone.seconds.size(); ++k) alone_later += alone.seconds[k];
    std::printf("%s (%s):\n  content frames' own flicker %.4f\n  independent frames        flicker %.4f"
                "  first frame %.1f CPU s, later %.1f\n",
                s.name.c_str(), alone.precision.c_str(), flicker(s.frames, s), flicker(alone.images, s),
                alone.seconds[0], alone_later / (alone.seconds.size() - 1));
    print_crops(s, alone, style, settings);
    blocks.push_back({&s.frames, &alone.images});
    save_frames(save, which, "independent", alone.images);
    for (const std::string& w : weights) {
      results.push_back(stylise(s, style, settings, std::stod(w)));
      print_comparison(s, alone, results.back(), std::stod(w));
      print_layers(s, alone, results.back(), style, settings);
      blocks.back().push_back(&results.back().images);
      save_frames(save, which, "w" + w, results.back().images);
    }
    std::fflush(stdout);
  }
  write_sheet(sheet, blocks, 4, std::max(1, count / 4));
  std::printf("contact sheet: %s (per sequence: content, independent, then each weight; frames 1, %d, ...)\n",
              sheet.c_str(), std::max(1, count / 4) + 1);
  image_files::shutdown();
  return 0;
}
