#include "result_layer.h"

#include <glib/gi18n-lib.h>

#include "failure.h"
#include "pixels.h"
#include "provenance.h"

namespace neural_style::plugin {

ItemId add_result_layer(const Inputs& in, const Image& result, const std::string& name,
                        const std::string& record) {
  const ItemId layer = host::insert_layer_above(in.content, name, host::width(in.content),
                                                host::height(in.content), in.channels);
  if (layer == -1) throw execution_failure(_("GIMP could not create the result layer."));
  const Region at = host::offsets(in.content);
  host::set_offsets(layer, at.x, at.y);
  write_pixels(layer, in.region, result);
  host::update(layer, in.region);
  host::attach_text_parasite(layer, kRecordParasite, record);
  return layer;
}

}  // namespace neural_style::plugin
