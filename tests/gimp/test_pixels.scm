; Pixels: alpha kept, a feathered selection honoured, grayscale and 16-bit images
; answered in their own kind.

; Alpha of the content layer is kept: a transparent half stays transparent.
(let* ((img (new-image 64 48 RGB))
       (style (add-plasma-layer img 0 "Style" 64 48 #f 2))
       (content (add-plasma-layer img 0 "Content" 64 48 #t 1)))
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 0 0 32 48)
  (gimp-drawable-edit-clear content)
  (gimp-selection-none img)
  (let* ((result (stylise img content style))
         (points (layer-grid content)))
    (check-equal "alpha: result has alpha" 1 (car (gimp-drawable-has-alpha result)))
    (check-equal "alpha: same alpha as the content"
                 (map (lambda (p) (alpha-at content (car p) (cadr p))) points)
                 (map (lambda (p) (alpha-at result (car p) (cadr p))) points))
    (check-equal "alpha: transparent half stays transparent" 0 (alpha-at result 5 20))
    (check-equal "alpha: opaque half stays opaque" 255 (alpha-at result 50 20)))
  (gimp-image-delete img))

; With a feathered selection the style shows only inside it, fading out with it.
(let* ((img (new-image 96 64 RGB))
       (style (add-plasma-layer img 0 "Style" 96 64 #f 2))
       (content (add-plasma-layer img 0 "Content" 96 64 #f 1))
       (content-before (sample content (layer-grid content))))
  (gimp-context-push)
  (gimp-context-set-feather TRUE)
  (gimp-context-set-feather-radius 8 8)
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 30 20 40 30)
  (gimp-context-pop)
  (let ((result (stylise img content style)))
    (check-equal "selection: result has alpha" 1 (car (gimp-drawable-has-alpha result)))
    (check-equal "selection: result is the layer's size" '(96 64)
                 (list (drawable-width result) (drawable-height result)))
    (check-equal "selection: transparent outside" 0 (alpha-at result 2 2))
    (check-equal "selection: transparent far outside, right" 0 (alpha-at result 93 60))
    (check-equal "selection: opaque inside" 255 (alpha-at result 50 35))
    (let ((edge (alpha-at result 30 35)))
      (check "selection: feathered at the edge" (and (> edge 0) (< edge 255))))
    (check "selection: style inside"
           (> (largest-difference (list (pixel content 50 35)) (list (pixel result 50 35))) 0))
    (check-equal "selection: content pixels unchanged" content-before
                 (sample content (layer-grid content)))
    (check-contains "selection: only the bounds plus context computed" (settings-of result)
                    "\nregion=0,0,96,64\n"))
  (gimp-image-delete img))

; A small selection in a large layer: only its bounds plus context are computed.
(let* ((img (new-image 96 96 RGB))
       (style (add-plasma-layer img 0 "Style" 96 96 #f 2))
       (content (add-plasma-layer img 0 "Content" 96 96 #f 1)))
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 40 44 10 8)
  (let ((result (stylise img content style)))
    (check-contains "selection: region is the bounds plus 32 px" (settings-of result)
                    "\nregion=8,12,74,72\n")
    (check-equal "selection: transparent inside the context margin" 0 (alpha-at result 20 48))
    (check-equal "selection: opaque inside the selection" 255 (alpha-at result 45 48)))
  (gimp-image-delete img))

; A grayscale image gets a grayscale result.
(let* ((img (new-image 64 48 GRAY))
       (style (add-plasma-layer img 0 "Style" 64 48 #f 2))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1))
       (result (stylise img content style)))
  (check-equal "gray: result is grayscale" 1 (car (gimp-drawable-is-gray result)))
  (check-equal "gray: one channel" 1 (drawable-bpp result))
  (check "gray: result differs from the content"
         (> (largest-difference (sample content (layer-grid content))
                                (sample result (layer-grid content))) 2))
  (gimp-image-delete img))

; A 16-bit image keeps its precision: the result is not quantised to 8 bits.
(let* ((img (new-16-bit-image 64 48 RGB))
       (style (add-plasma-layer img 0 "Style" 64 48 #f 2))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1))
       (result (stylise img content style)))
  (check-equal "16-bit: result is 16-bit RGB" 6 (drawable-bpp result))
  (check "16-bit: result keeps 16-bit precision" (> (off-8-bit-share result) 0.5))
  (gimp-image-delete img))

(end-of-test-file)
