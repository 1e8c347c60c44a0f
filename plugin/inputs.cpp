#include "inputs.h"

#include <glib/gi18n-lib.h>

#include <algorithm>
#include <optional>

#include "beside_plugin.h"
#include "failure.h"
#include "paintings.h"
#include "text.h"

namespace neural_style::plugin {
namespace {

// Pixels of context around a selection: the network sees some surroundings, so the
// style does not change character at the selection's edge.
constexpr int kContextMargin = 32;

// Full sentences per role, so that translators never have to splice a noun into one.
struct LayerMessages {
  const char* gone;
  const char* not_a_layer;
  const char* group;
  const char* too_small;
};

const LayerMessages kContentMessages = {
    N_("The content layer no longer exists."),
    N_("The content must be a layer, but '%s' is a channel or a layer mask."),
    N_("The content must be a layer, but '%s' is a layer group: pick one of its layers."),
    N_("The layer '%s' is too small to stylise: it is %d×%d pixels, and at least %d×%d are "
       "needed."),
};

const LayerMessages kStyleMessages = {
    N_("The style layer no longer exists: pick another one."),
    N_("The style must be a layer, but '%s' is a channel or a layer mask."),
    N_("The style must be a layer, but '%s' is a layer group: pick one of its layers."),
    N_("The style layer '%s' is too small: it is %d×%d pixels, and at least %d×%d are "
       "needed."),
};

void check_layer(ItemId item, const LayerMessages& messages) {
  if (!host::item_exists(item)) throw calling_failure(_(messages.gone));
  const std::string name = host::item_name(item);
  if (!host::is_layer(item))
    throw calling_failure(printf_text(_(messages.not_a_layer), name.c_str()));
  if (host::is_group(item))
    throw calling_failure(printf_text(_(messages.group), name.c_str()));
  const int width = host::width(item), height = host::height(item);
  if (std::min(width, height) < kMinSide)
    throw execution_failure(
        printf_text(_(messages.too_small), name.c_str(), width, height, kMinSide, kMinSide));
}

void check_image(ImageId image, ItemId content) {
  check_not_indexed(image);
  if (host::image_of(content) != image)
    throw calling_failure(printf_text(_("The content layer '%s' does not belong to this image."),
                                      host::item_name(content).c_str()));
}

Style style_layer(ItemId layer) {
  check_layer(layer, kStyleMessages);
  return {layer, kNoPainting, {host::width(layer), host::height(layer)}};
}

// The selection's bounds on the layer (all of it without a selection), grown by the
// context margin within the layer.
Region region_to_compute(ItemId layer, bool masked) {
  const std::optional<Region> selected = host::selection_bounds(layer);
  if (!selected)
    throw execution_failure(printf_text(
        _("The selection does not touch the layer '%s': select a part of it, or select "
          "nothing."),
        host::item_name(layer).c_str()));
  const Region& bounds = *selected;
  if (!masked) return bounds;
  const int right = std::min(host::width(layer), bounds.x + bounds.width + kContextMargin);
  const int bottom = std::min(host::height(layer), bounds.y + bounds.height + kContextMargin);
  Region region;
  region.x = std::max(0, bounds.x - kContextMargin);
  region.y = std::max(0, bounds.y - kContextMargin);
  region.width = right - region.x;
  region.height = bottom - region.y;
  return region;
}

}  // namespace

std::vector<Style> gather_styles(const Arguments& arguments) {
  std::vector<Style> styles;
  if (arguments.painting != kNoPainting)
    styles.push_back({kNoLayer, arguments.painting, painting_extent(arguments.painting)});
  else
    styles.push_back(style_layer(arguments.style_drawable));
  if (arguments.style2_drawable != kNoLayer)
    styles.push_back(style_layer(arguments.style2_drawable));
  return styles;
}

void check_not_indexed(ImageId image) {
  if (host::is_indexed(image))
    throw calling_failure(_("Indexed images cannot be stylised: convert the image to RGB or "
                            "grayscale first (Image ▸ Mode)."));
}

Inputs gather_inputs(ImageId image, ItemId drawable, const Arguments& arguments) {
  Inputs in;
  in.image = image;
  in.content = drawable;
  check_layer(drawable, kContentMessages);
  check_image(image, drawable);
  in.styles = gather_styles(arguments);
  in.masked = !host::selection_is_empty(image);
  in.region = region_to_compute(drawable, in.masked);
  const bool alpha = in.masked || host::has_alpha(drawable);
  in.channels = (host::is_gray(drawable) ? 1 : 3) + (alpha ? 1 : 0);
  return in;
}

MemoryPlan memory_plan(const Inputs& in, const Settings& settings) {
  std::vector<Extent> styles;
  for (const Style& style : in.styles) styles.push_back(style.extent);
  return plan_memory(in.region.width, in.region.height, styles, settings,
                     !settings.weights_path.empty());
}

MemoryPlan memory_plan(const Inputs& in, const Arguments& arguments) {
  return memory_plan(in, engine_settings(arguments, 0, weights_for_run()));
}

std::string style_name(const Style& style) {
  if (style.painting != kNoPainting) return _(kPaintings.at(style.painting).name);
  return host::item_name(style.layer);
}

ItemId default_style_layer(ImageId image, ItemId content, ItemId last) {
  if (host::is_style_layer(last)) return last;
  for (ItemId layer : host::layers(image))
    if (layer != content && host::is_style_layer(layer)) return layer;
  return kNoLayer;
}

}  // namespace neural_style::plugin
