// host.h for GIMP 2.10, whose libgimp works on the IDs themselves.
#include <libgimp/gimp.h>

#include "host.h"
#include "layer_type.h"

namespace neural_style::plugin::host {

bool item_exists(ItemId item) { return gimp_item_is_valid(item); }
bool is_layer(ItemId item) { return gimp_item_is_layer(item); }
bool is_group(ItemId item) { return gimp_item_is_group(item); }

std::string item_name(ItemId item) {
  gchar* name = gimp_item_get_name(item);
  std::string result = name ? name : "";
  g_free(name);
  return result;
}

ImageId image_of(ItemId item) { return gimp_item_get_image(item); }
int width(ItemId drawable) { return gimp_drawable_width(drawable); }
int height(ItemId drawable) { return gimp_drawable_height(drawable); }

Region offsets(ItemId drawable) {
  Region region;
  gimp_drawable_offsets(drawable, &region.x, &region.y);
  return region;
}

bool has_alpha(ItemId drawable) { return gimp_drawable_has_alpha(drawable); }
bool is_gray(ItemId drawable) { return gimp_drawable_is_gray(drawable); }
bool is_indexed(ImageId image) { return gimp_image_base_type(image) == GIMP_INDEXED; }
bool selection_is_empty(ImageId image) { return gimp_selection_is_empty(image); }

std::optional<Region> selection_bounds(ItemId drawable) {
  Region r;
  if (!gimp_drawable_mask_intersect(drawable, &r.x, &r.y, &r.width, &r.height)) return {};
  return r;
}

bool is_style_layer(ItemId item) {
  return item_exists(item) && is_layer(item) && !is_group(item);
}

std::vector<ItemId> layers(ImageId image) {
  gint count = 0;
  gint* ids = gimp_image_get_layers(image, &count);
  std::vector<ItemId> result(ids, ids + count);
  g_free(ids);
  return result;
}

GeglBuffer* drawable_buffer(ItemId drawable) { return gimp_drawable_get_buffer(drawable); }

GeglBuffer* selection_buffer(ImageId image) {
  return gimp_drawable_get_buffer(gimp_image_get_selection(image));
}

void undo_group_start(ImageId image) { gimp_image_undo_group_start(image); }
void undo_group_end(ImageId image) { gimp_image_undo_group_end(image); }

ItemId insert_layer_above(ItemId below, const std::string& name, int width, int height,
                          int channels) {
  const gint32 image = gimp_item_get_image(below);
  const gint32 layer = gimp_layer_new(image, name.c_str(), width, height, layer_type(channels),
                                      100.0, GIMP_LAYER_MODE_NORMAL);
  if (layer == -1) return -1;
  // Inserting at the position of `below` in its parent pushes it down by one.
  gimp_image_insert_layer(image, layer, gimp_item_get_parent(below),
                          gimp_image_get_item_position(image, below));
  return layer;
}

void set_offsets(ItemId layer, int x, int y) { gimp_layer_set_offsets(layer, x, y); }

void select_layers(ImageId image, const std::vector<ItemId>& layers) {
  if (!layers.empty()) gimp_image_set_active_layer(image, layers.front());
}

void update(ItemId drawable, const Region& r) {
  gimp_drawable_update(drawable, r.x, r.y, r.width, r.height);
}

void attach_text_parasite(ItemId item, const char* name, const std::string& text) {
  GimpParasite* parasite = gimp_parasite_new(
      name, GIMP_PARASITE_PERSISTENT | GIMP_PARASITE_UNDOABLE, text.size() + 1, text.c_str());
  gimp_item_attach_parasite(item, parasite);
  gimp_parasite_free(parasite);
}

int image_width(ImageId image) { return gimp_image_width(image); }
int image_height(ImageId image) { return gimp_image_height(image); }

ImageId new_image_like(ImageId source) {
  const gint32 image = gimp_image_new_with_precision(
      gimp_image_width(source), gimp_image_height(source), gimp_image_base_type(source),
      gimp_image_get_precision(source));
  gimp_image_undo_disable(image);
  gdouble x = 0, y = 0;
  gimp_image_get_resolution(source, &x, &y);
  gimp_image_set_resolution(image, x, y);
  // Nothing when the source uses GIMP's built-in profile, which the new image has too.
  if (GimpColorProfile* profile = gimp_image_get_color_profile(source)) {
    gimp_image_set_color_profile(image, profile);
    g_object_unref(profile);
  }
  return image;
}

ItemId add_top_layer(ImageId image, const std::string& name, int width, int height,
                     int channels) {
  const gint32 layer = gimp_layer_new(image, name.c_str(), width, height, layer_type(channels),
                                      100.0, GIMP_LAYER_MODE_NORMAL);
  if (layer == -1) return -1;
  gimp_image_insert_layer(image, layer, 0, 0);
  return layer;
}

void finish_new_image(ImageId image, bool show) {
  gimp_image_undo_enable(image);
  gimp_image_clean_all(image);
  if (show) gimp_display_new(image);
}

void delete_image(ImageId image) { gimp_image_delete(image); }

std::optional<std::string> session_value(const char* key) {
  const gint size = gimp_get_data_size(key);
  if (size <= 0) return std::nullopt;
  std::string bytes(static_cast<std::size_t>(size), '\0');
  gimp_get_data(key, bytes.data());
  return bytes;
}

void set_session_value(const char* key, const std::string& bytes) {
  gimp_set_data(key, bytes.data(), bytes.size());
}

void message(const std::string& text) { gimp_message(text.c_str()); }
void progress_start(const std::string& text) { gimp_progress_init(text.c_str()); }
void progress_update(double fraction) { gimp_progress_update(fraction); }
void progress_text(const std::string& text) { gimp_progress_set_text(text.c_str()); }

}  // namespace neural_style::plugin::host
