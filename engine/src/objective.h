// The loss one scale minimises and its gradient on the pixels: for the whole image at
// once, or tile by tile with the same result (Gram matrices are global, so they are
// gathered over all tiles first and then held fixed while each tile's gradient is
// computed), behind one call, so the optimiser loop does not know which.
#pragma once

#include <ATen/ATen.h>

#include <functional>
#include <vector>

#include "losses.h"
#include "network.h"
#include "neural_style/plan.h"
#include "neural_style/progress.h"
#include "neural_style/settings.h"

namespace neural_style {

// Each term's factor: 1 over the norm of its gradient (to the pixels) at a reference
// image where the term is far from met, so that the user's weights set the balance of the
// terms' pulls whatever the network's magnitudes (objective.cpp's balance()).
struct Factors {
  std::vector<double> style;  // per style layer
  std::vector<double> cross;  // per pair of neighbouring scales (Objective's crosses_)
  std::vector<double> shift;  // per stroke continuation (Objective's shifts_)
  double content = 1;
  double edges = 0;           // 0 where there is no edges term (Objective's edge_pool_)
  double tv = 1;
  double pixels = 0;          // of the scale they were measured at
};

// Animation frames: the result kept near the previous frame's result warped onto this
// one, where the mask trusts the motion (Ruder et al.'s temporal loss; frames.cpp).
struct Temporal {
  at::Tensor target;  // 1x3xHxW, the scale's size
  at::Tensor mask;    // 1x3xHxW, how strongly each pixel is held: 1 = trusted motion
  double weight = 0;
};

// Thrown out of Objective::evaluate when `between_tiles` asks to stop.
struct StopBetweenTiles {};

class Objective {
 public:
  // The content at the scale's size, the style pictures at their own, `shares` weighting
  // each style's Grams. `settings.content_layer` is resolved. Takes `previous` (another
  // scale's factors) scaled to its size, or measures its own where previous.pixels is 0,
  // which needs a scale evaluated whole.
  Objective(const Network& net, const Settings& settings, const Scale& scale,
            const at::Tensor& content, const std::vector<at::Tensor>& styles,
            const std::vector<double>& shares, const Factors& previous);

  // The loss at `x` (1x3xHxW, a leaf that requires grad), its gradient accumulated into
  // x's grad. A tiled evaluation calls `between_tiles(done, tiles)` after each tile; false
  // throws StopBetweenTiles.
  using TileCallback = std::function<bool(int done, int tiles)>;
  double evaluate(const at::Tensor& x, Losses& out, const TileCallback& between_tiles) const;

  // The style's share of the pull on the pixels at `image`, on a scale evaluated whole.
  double style_share(const at::Tensor& image) const;

  // Adds the temporal term to every evaluation from now on (whole or tiled alike: it is
  // computed on the whole image, like the smoothness term).
  void keep_near(const Temporal& temporal) { temporal_ = temporal; }

  const Factors& factors() const { return factors_; }
  const at::Tensor& style_picture() const { return style_; }
  bool tiled() const { return tiles_.size() > 1; }

 private:
  struct Terms {
    at::Tensor content, style, tv;
  };
  // The style's statistics of an image, gathered over its tiles.
  struct Statistics {
    std::vector<at::Tensor> grams;     // per style layer
    std::vector<double> positions;     // per style layer
    std::vector<CrossSums> crosses;    // per pair in crosses_
    std::vector<CrossSums> shifts;     // per shift in shifts_
  };
  // A layer's stroke filters against themselves `dx` positions to the right or `dy` below.
  struct Shift {
    std::size_t layer;
    int dx, dy;
  };
  using StyleLoss = std::function<void(std::size_t statistic, const at::Tensor& loss)>;
  void style_losses(const std::string& layer, const at::Tensor& features,
                    std::vector<at::Tensor>& finer, bool every, const StyleLoss& add) const;
  void aim(const Scale& scale, const std::vector<at::Tensor>& styles,
           const std::vector<double>& shares, bool measuring);
  void measure_factors();
  Terms terms(const at::Tensor& image) const;
  at::Tensor detail_term(const at::Tensor& x) const;
  at::Tensor edge_features(const at::Tensor& features) const;
  at::Tensor temporal_term(const at::Tensor& x) const;
  double evaluate_whole(const at::Tensor& x, Losses& out) const;
  double evaluate_tiled(const at::Tensor& x, Losses& out, const TileCallback& between) const;
  Statistics gather(const at::Tensor& image, const std::vector<Tile>& tiles,
                    const std::function<bool()>& after_tile) const;
  at::Tensor tile_loss(const at::Tensor& x, const Tile& tile, const std::vector<at::Tensor>& style_pull,
                       const std::vector<CrossSums>& cross_pull,
                       const std::vector<CrossSums>& shift_pull, double& content) const;
  at::Tensor interior(const at::Tensor& features, const std::string& layer, const Tile& tile,
                      int width, int height) const;
  CrossSums tile_shift_sums(const at::Tensor& features, const Shift& shift, const Tile& tile,
                            int width, int height) const;
  void choose_layers_in_use(const Scale& scale);
  void choose_shifts(const Scale& scale, const std::vector<at::Tensor>& styles,
                     const std::vector<double>& shares, const Factors& previous);
  double style_factor(std::size_t statistic) const;

  const Network& net_;
  const Settings& s_;
  std::vector<std::string> layers_;  // the style layers, then the content layer if another
  std::vector<Tile> tiles_;          // one tile without halo: the whole image
  at::Tensor content_image_;         // the content at the scale's size
  at::Tensor content_;               // its features at the content layer (whole scales)
  double content_norm_ = 0;          // their squared norm (tiled scales)
  int edge_pool_ = 0;                // positions of kEdgeLayer per content position; 0: none
  std::vector<std::string> content_layers_;  // the content layer, and kEdgeLayer if edge_pool_
  at::Tensor edges_;                 // the content's edge features (whole scales)
  double edges_norm_ = 0;            // their squared norm (tiled scales)
  std::vector<bool> in_use_;         // per style layer: whether this scale uses it
  std::vector<at::Tensor> grams_;    // one per style layer, the styles' mix
  std::vector<std::size_t> crosses_;  // style layers whose predecessor has half their stride
  std::vector<at::Tensor> cross_targets_;  // their cross covariances, the styles' mix
  std::vector<Shift> shifts_;        // on style layers of kShiftedStrides (objective.cpp)
  std::vector<at::Tensor> shift_targets_;  // their covariances, the styles' mix
  at::Tensor style_;                 // the main style picture at the scale's size (measuring)
  Factors factors_;
  Temporal temporal_;
};

}  // namespace neural_style
