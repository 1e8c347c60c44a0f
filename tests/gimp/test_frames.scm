; plug-in-neural-style-frames: a new image with a stylised layer per frame, names and
; order kept; the source image untouched, with no undo step; optimised (combine) frames
; made whole before styling; bad inputs refused with their messages and no new image.

(define (layer-names img) (map (lambda (layer) (car (gimp-item-get-name layer))) (layer-ids img)))

(define (dirty? img) (= 1 (car (gimp-image-is-dirty img))))

(define (has-alpha? layer) (= 1 (car (gimp-drawable-has-alpha layer))))

; Clears a w x h rectangle at (x y) of an RGBA layer: transparent there.
(define (clear-hole img layer x y w h)
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE x y w h)
  (gimp-drawable-edit-clear layer)
  (gimp-selection-none img))

(define style-image (new-image 48 32 RGB))
(define style (add-plasma-layer style-image 0 "Style" 48 32 #f 9))

; An optimised animation: a whole first frame, then a 16 x 16 (combine) frame at (8, 8)
; holding only what changed, then a whole frame with transparency in it, at 150 ppi and
; with a colour profile assigned (linear sRGB, which a new 8-bit image would lack).

(let* ((img (new-image 48 32 RGB))
       (first (add-plasma-layer img 0 "Frame 1 (100ms) (replace)" 48 32 #f 1))
       (changed (add-plasma-layer img 0 "Frame 2 (200ms) (combine)" 16 16 #f 2))
       (holed (add-plasma-layer img 0 "Frame 3 (100ms) (replace)" 48 32 #t 3)))
  (gimp-layer-set-offsets changed 8 8)
  (clear-hole img holed 30 4 10 10)
  (gimp-image-set-resolution img 150 150)
  (assign-linear-profile img)
  (gimp-image-clean-all img)
  (let* ((names-before (layer-names img))
         (pixels-before (sample first (layer-grid first)))
         (result (stylise-frames img first style 0))
         (frames (layer-ids result)))
    (check-equal "frames: a layer per frame" 3 (length frames))
    (check-equal "frames: names and order kept" names-before (layer-names result))
    (check-equal "frames: the image's size" '(48 32)
                 (list (image-width result) (image-height result)))
    (check-equal "frames: the source's resolution" '(150.0 150.0)
                 (gimp-image-get-resolution result))
    (if profiles-in-pdb
        (begin
          (check "frames: the source has a profile" (pair? (assigned-profile img)))
          (check-equal "frames: the source's colour profile" (assigned-profile img)
                       (assigned-profile result))))
    (check "frames: new image not dirty" (not (dirty? result)))
    (check-equal "frames: source layers untouched" (list first changed holed)
                 (reverse (layer-ids img)))
    (check-equal "frames: source pixels untouched" pixels-before (sample first (layer-grid first)))
    (check "frames: source has no undo step" (not (dirty? img)))
    (let ((combined (cadr frames)) (holed-result (car frames)))
      (check-equal "frames: (combine) frame made whole" '(48 32 (0 0))
                   (list (drawable-width combined) (drawable-height combined)
                         (drawable-offsets combined)))
      ; Frame 3 has transparency, so every frame has alpha; frame 2 is opaque everywhere:
      ; outside its 16 x 16 layer it shows frame 1.
      (check-equal "frames: (combine) frame shows the one before" 255 (alpha-at combined 40 24))
      (check-equal "frames: a frame's transparency kept" 0 (alpha-at holed-result 34 8))
      (check "frames: transparency elsewhere opaque" (= 255 (alpha-at holed-result 4 4))))
    (gimp-image-delete result))
  (gimp-image-delete img))

; A (combine) frame with a hole shows the frame before through it; opaque frames give
; layers without alpha.
(let* ((img (new-image 48 32 RGB))
       (first (add-plasma-layer img 0 "Frame 1 (replace)" 48 32 #f 1))
       (over (add-plasma-layer img 0 "Frame 2 (combine)" 48 32 #t 2)))
  (clear-hole img over 30 4 10 10)
  (let* ((result (stylise-frames img first style -1)) (frames (layer-ids result)))
    (check "frames: opaque frames, no alpha" (not (has-alpha? (car frames))))
    (check-equal "frames: temporal-weight -1, the default" 2 (length frames))
    (gimp-image-delete result))
  (gimp-image-delete img))

; Bad input: a message each, and no new image.
(define (check-frames-fail name expected img drawable temporal-weight)
  (let ((images (image-count)))
    (check-fails name expected (lambda () (stylise-frames img drawable style temporal-weight)))
    (check-equal (string-append name ": no new image") images (image-count))))

(let* ((img (new-image 48 32 RGB))
       (only (add-plasma-layer img 0 "Only" 48 32 #f 1)))
  (check-frames-fail "frames bad: one layer" "needs at least two frames" img only 0)
  (let ((small (add-plasma-layer img 0 "Small" 24 16 #f 2)))
    (check-frames-fail "frames bad: frames of different sizes" "frames of different sizes"
                       img only 0)
    (gimp-image-remove-layer img small))
  (let ((group (new-group img)))
    (gimp-image-insert-layer img group 0 0)
    (add-plasma-layer img group "In group" 48 32 #f 3)
    (check-frames-fail "frames bad: layer group" "is a layer group" img only 0)
    (gimp-image-remove-layer img group))
  (add-plasma-layer img 0 "Second" 48 32 #f 4)
  (check-frames-fail "frames bad: temporal-weight out of range"
                     (frames-range-message "temporal-weight must be from 0 to 1000000, or -1")
                     img only -2)
  (gimp-image-delete img))

; Frames beyond any memory budget, even in tiles; never painted, so GIMP does not
; allocate them.
(let* ((img (new-image 100000 100000 RGB))
       (a (new-layer img "A" 100000 100000 RGB-IMAGE))
       (b (new-layer img "B" 100000 100000 RGB-IMAGE)))
  (gimp-image-insert-layer img a 0 0)
  (gimp-image-insert-layer img b 0 0)
  (check-frames-fail "frames bad: beyond memory" "GB is too small for a" img a 0)
  (gimp-image-delete img))

(gimp-image-delete style-image)
(end-of-test-file)
