; GIMP 3 only: the selected layers, passed as one vector, are each styled in one call
; (one undo group; the runner fails on "inconsistent undo"). Each gets its own new layer
; right above it, and the call returns them in the order of the drawables; they become the
; selected layers, as a single result does.

(let* ((img (new-image 96 64 RGB))
       (style (add-plasma-layer img 0 "Style" 96 64 #f 2))
       (lower (add-plasma-layer img 0 "Lower" 64 48 #f 1))
       (upper (add-plasma-layer img 0 "Upper" 48 32 #f 3))
       (before (length (layer-ids img))))
  (gimp-layer-set-offsets upper 20 16)
  (gimp-image-set-selected-layers img (vector lower upper))
  ; GIMP hands the selection over in its own order (top first), the order of the results.
  (let* ((selected (car (gimp-image-get-selected-layers img)))
         (contents (vector->list selected))
         (results (vector->list
                   (car (plug-in-neural-style RUN-NONINTERACTIVE img selected style no-layer
                                              0.5 10 1 1 0 5 1 0 7))))
         (name (lambda (layer) (car (gimp-item-get-name layer))))
         (position (lambda (layer) (car (gimp-image-get-item-position img layer))))
         (geometry (lambda (layer) (list (drawable-width layer) (drawable-height layer)
                                         (drawable-offsets layer)))))
    (check-equal "several: one result per drawable" 2 (length results))
    (check-equal "several: two layers more" (+ before 2) (length (layer-ids img)))
    (check-equal "several: both layers were selected" 2 (length contents))
    (check-equal "several: results in the order of the drawables"
                 (map (lambda (layer) (string-append (name layer) " in the style of Style"))
                      contents)
                 (map name results))
    (check-equal "several: each right above its own content"
                 (map (lambda (layer) (- (position layer) 1)) contents)
                 (map position results))
    (let ((now-selected (vector->list (car (gimp-image-get-selected-layers img)))))
      (check-equal "several: the results are the selected layers" (list 2 2)
                   (list (length now-selected)
                         (count-if (lambda (layer) (member layer results)) now-selected))))
    (check-equal "several: each the size and offsets of its content"
                 (map geometry contents) (map geometry results))
    (check-equal "several: each result differs from its content" '(#t #t)
                 (map (lambda (content result)
                        (let ((points (layer-grid content)))
                          (> (largest-difference (sample content points) (sample result points))
                             2)))
                      contents results)))
  (gimp-image-delete img))

(end-of-test-file)
