; A broken weights file next to the plug-in: it is the one used (it comes before the
; engine's own lookup), its failure reaches the caller, and the image is unchanged.
(let* ((img (new-image 64 48 RGB))
       (style (add-plasma-layer img 0 "Style" 64 48 #f 2))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1)))
  (check-fails "weights: broken weights file next to the plug-in"
               "neural-style/vgg19-features.safetensors' is not valid"
               (lambda () (stylise img content style)))
  (check-equal "weights: image unchanged" 2 (length (layer-ids img)))
  (gimp-image-delete img))

(end-of-test-file)
