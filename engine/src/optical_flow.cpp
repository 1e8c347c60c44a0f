#include "optical_flow.h"

#include <algorithm>
#include <string>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include "neural_style/error.h"

namespace neural_style {
namespace {

// Ruder et al.'s thresholds (sec. 3.2), for flows in pixels.
constexpr float kRoundTripShare = 0.01f, kRoundTripSlack = 0.5f;
constexpr float kBoundaryShare = 0.01f, kBoundarySlack = 0.002f;

// DIS wants 8-bit grey: the luminance (BT.601) of RGB, or the grey channel.
cv::Mat grey8(const Image& image) {
  cv::Mat out(image.height, image.width, CV_8UC1);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const float v = image.channels >= 3 ? 0.299f * image.at(x, y, 0) + 0.587f * image.at(x, y, 1) +
                                                0.114f * image.at(x, y, 2)
                                          : image.at(x, y, 0);
      out.at<std::uint8_t>(y, x) = cv::saturate_cast<std::uint8_t>(v * 255.0f);
    }
  return out;
}

// Where each pixel reads from: its own position plus the flow.
void sample_maps(const Flow& flow, cv::Mat& map_x, cv::Mat& map_y) {
  map_x.create(flow.height, flow.width, CV_32FC1);
  map_y.create(flow.height, flow.width, CV_32FC1);
  for (int y = 0; y < flow.height; ++y)
    for (int x = 0; x < flow.width; ++x) {
      map_x.at<float>(y, x) = static_cast<float>(x) + flow.dx[flow.index(x, y)];
      map_y.at<float>(y, x) = static_cast<float>(y) + flow.dy[flow.index(x, y)];
    }
}

// Bicubic: each frame warps the previous result again, and bilinear reads at half-pixel
// offsets average neighbours, a blur that builds up over the frames.
cv::Mat warped(const cv::Mat& image, const Flow& flow) {
  cv::Mat map_x, map_y, out;
  sample_maps(flow, map_x, map_y);
  cv::remap(image, out, map_x, map_y, cv::INTER_CUBIC, cv::BORDER_REPLICATE);
  return out;
}

// d/dx and d/dy of one flow component, central differences.
void gradients(const std::vector<float>& component, int width, int height, cv::Mat& gx,
               cv::Mat& gy) {
  const cv::Mat c(height, width, CV_32FC1, const_cast<float*>(component.data()));
  cv::Sobel(c, gx, CV_32F, 1, 0, 1, 0.5, 0, cv::BORDER_REPLICATE);
  cv::Sobel(c, gy, CV_32F, 0, 1, 1, 0.5, 0, cv::BORDER_REPLICATE);
}

// Along one axis: whether a pixel at `b` of B (`b_size` long) comes from `a` of A
// (`a_size` long) outside A or within kEdgeMargin of its edge, and lies further from B's
// edge than that: it came into view, or it would carry A's painted edge inside B. A pixel
// that keeps its place at the edge (a still camera) stays trusted.
bool carried_inward(float a, int b, int a_size, int b_size) {
  const float from_edge = std::min(a, a_size - 1 - a);
  const float now_from_edge = static_cast<float>(std::min(b, b_size - 1 - b));
  return from_edge < kEdgeMargin && now_from_edge > from_edge + 0.5f;
}

// OpenCV's exception as the engine's Error: no OpenCV type leaves this file, its exceptions
// included. Its reason is the part of OpenCV's message after "error: " ("OpenCV(4.6.0)
// <file>:<line>: error: (-215:Assertion failed) <test> in function '<name>'").
Error opencv_failure(const cv::Exception& e) {
  std::string reason = e.what();
  const std::size_t error = reason.find("error: ");
  if (error != std::string::npos) reason.erase(0, error + 7);
  reason.erase(reason.find_last_not_of(" \n") + 1);
  return Error(ErrorCode::opencv_failure, {reason});
}

}  // namespace

Flow optical_flow(const Image& from, const Image& to) try {
  // The medium preset: on 256 px frames a few milliseconds, and finer than the fast one on
  // the small moving objects of the benchmark's second sequence.
  const cv::Ptr<cv::DISOpticalFlow> dis = cv::DISOpticalFlow::create(cv::DISOpticalFlow::PRESET_MEDIUM);
  cv::Mat flow;
  dis->calc(grey8(from), grey8(to), flow);
  Flow out(from.width, from.height);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) {
      const cv::Vec2f v = flow.at<cv::Vec2f>(y, x);
      out.dx[out.index(x, y)] = v[0];
      out.dy[out.index(x, y)] = v[1];
    }
  return out;
} catch (const cv::Exception& e) {
  throw opencv_failure(e);
}

Image warp(const Image& image, const Flow& flow) try {
  const cv::Mat in(image.height, image.width, CV_32FC(image.channels),
                   const_cast<float*>(image.pixels.data()));
  const cv::Mat out = warped(in, flow);
  Image result(image.width, image.height, image.channels);
  std::copy(out.ptr<float>(), out.ptr<float>() + result.pixels.size(), result.pixels.begin());
  return result;
} catch (const cv::Exception& e) {
  throw opencv_failure(e);
}

Image consistency_mask(const Flow& forward, const Flow& backward) try {
  // The forward flow seen from B: at each pixel of B, the forward flow where the backward
  // flow lands in A. A pixel visible in both frames goes there and comes back.
  const int w = backward.width, h = backward.height;
  cv::Mat forward_xy(forward.height, forward.width, CV_32FC2);
  for (int y = 0; y < forward.height; ++y)
    for (int x = 0; x < forward.width; ++x)
      forward_xy.at<cv::Vec2f>(y, x) = {forward.dx[forward.index(x, y)], forward.dy[forward.index(x, y)]};
  const cv::Mat there = warped(forward_xy, backward);
  cv::Mat ux, uy, vx, vy;
  gradients(backward.dx, w, h, ux, uy);
  gradients(backward.dy, w, h, vx, vy);
  Image mask(w, h, 1);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const std::size_t i = backward.index(x, y);
      const float bx = backward.dx[i], by = backward.dy[i];
      const cv::Vec2f f = there.at<cv::Vec2f>(y, x);
      const float round_trip = (f[0] + bx) * (f[0] + bx) + (f[1] + by) * (f[1] + by);
      const float lengths = f[0] * f[0] + f[1] * f[1] + bx * bx + by * by;
      const bool occluded = round_trip > kRoundTripShare * lengths + kRoundTripSlack;
      const float steepness = ux.at<float>(y, x) * ux.at<float>(y, x) + uy.at<float>(y, x) * uy.at<float>(y, x) +
                              vx.at<float>(y, x) * vx.at<float>(y, x) + vy.at<float>(y, x) * vy.at<float>(y, x);
      const bool boundary = steepness > kBoundaryShare * (bx * bx + by * by) + kBoundarySlack;
      const bool inward = carried_inward(x + bx, x, forward.width, w) ||
                          carried_inward(y + by, y, forward.height, h);
      mask.at(x, y, 0) = occluded || boundary || inward ? 0.0f : 1.0f;
    }
  return mask;
} catch (const cv::Exception& e) {
  throw opencv_failure(e);
}

Image feathered(const Image& mask, float sigma) try {
  Image out = mask;
  cv::Mat m(mask.height, mask.width, CV_32FC1, out.pixels.data());
  cv::GaussianBlur(m, m, cv::Size(0, 0), sigma, sigma, cv::BORDER_REPLICATE);
  return out;
} catch (const cv::Exception& e) {
  throw opencv_failure(e);
}

}  // namespace neural_style
