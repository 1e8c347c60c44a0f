; Bad input: each is answered with a message naming the problem, and the image is left
; as it was.

(define (run-with img content style)
  (lambda () (stylise img content style)))

; Calls with the fast settings, one argument replaced: (index value), index 0 = style-mix,
; the procedure's 6th argument (run-mode is the 1st).
(define (run-with-argument img content style index value)
  (let ((args (list 0.5 10 1 1 0 5 1 0 7)))
    (lambda ()
      (apply neural-style
             (append (list RUN-NONINTERACTIVE img content style no-layer)
                     (let loop ((i 0) (rest args))
                       (if (null? rest) '()
                           (cons (if (= i index) value (car rest)) (loop (+ i 1) (cdr rest))))))))))

(let* ((img (new-image 96 64 RGB))
       (style (add-plasma-layer img 0 "Style" 96 64 #f 2))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1))
       (group (new-group img))
       (channel (new-channel img "Channel" 96 64))
       (masked (add-plasma-layer img 0 "Masked" 96 64 #f 3))
       (tiny (add-plasma-layer img 0 "Tiny" 10 10 #f 4))
       (thin-style (add-plasma-layer img 0 "Thin" 12 40 #f 5))
       (other (new-image 64 48 RGB))
       (foreign (add-plasma-layer other 0 "Foreign" 64 48 #f 6)))
  (gimp-image-insert-layer img group 0 0)
  (add-plasma-layer img group "In group" 32 32 #f 7)
  (gimp-image-insert-channel img channel 0 0)
  (let ((mask (car (gimp-layer-create-mask masked ADD-MASK-WHITE))))
    (gimp-layer-add-mask masked mask)
    (let ((layers-before (layer-ids img))
          (content-before (sample content (layer-grid content))))
      (check-fails "bad: layer group as content" "is a layer group" (run-with img group style))
      (check-fails "bad: layer group as style" "The style must be a layer, but 'Layer Group'"
                   (run-with img content group))
      (check-fails "bad: channel as content" "is a channel or a layer mask"
                   (run-with img channel style))
      (check-fails "bad: layer mask as style" "The style must be a layer, but"
                   (run-with img content mask))
      (check-fails "bad: layer too small" "at least 16×16" (run-with img tiny style))
      (check-fails "bad: style layer too small" "The style layer 'Thin' is too small"
                   (run-with img content thin-style))
      (check-fails "bad: content from another image" "does not belong to this image"
                   (run-with img foreign style))
      (check-fails "bad: no style layer" "style-drawable must be a layer, not -1"
                   (run-with img content no-layer))
      (check-fails "bad: deleted style layer id" (invalid-id-message "invalid ID")
                   (run-with img content 987654))
      (check-fails "bad: style-mix out of range"
                   (range-message 6 "style-mix must be from 0 to 1 (it is 1.5)")
                   (run-with-argument img content style 0 1.5))
      (check-fails "bad: style-weight out of range"
                   (range-message 7 "style-weight must be from 0.001")
                   (run-with-argument img content style 1 0))
      (check-fails "bad: content-weight out of range"
                   (range-message 8 "content-weight must be from 0")
                   (run-with-argument img content style 2 -1))
      (check-fails "bad: tv-weight out of range" (range-message 9 "tv-weight must be from 0")
                   (run-with-argument img content style 3 2e9))
      ; 8 is inside the declared range 0 to 524288: only the plug-in can refuse it.
      (check-fails "bad: size out of range" "size must be from 16 to 524288, or 0 (it is 8)"
                   (run-with-argument img content style 4 8))
      (check-fails "bad: iterations out of range"
                   (range-message 11 "iterations must be from 1 to 100000 (it is 0)")
                   (run-with-argument img content style 5 0))
      (check-fails "bad: style-scale out of range"
                   (range-message 12 "style-scale must be from 0.1 to 8")
                   (run-with-argument img content style 6 9))
      (check-fails "bad: preserve-colors out of range"
                   (boolean-message 13 "preserve-colors must be from 0 to 1")
                   (run-with-argument img content style 7 not-a-boolean))
      (check-fails "bad: seed out of range"
                   (range-message 14 "seed must be from 0 to 2147483647, or -1")
                   (run-with-argument img content style 8 -5))
      ; A selection that misses the content layer (64 x 48 at the origin).
      (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 70 50 20 10)
      (check-fails "bad: selection does not touch the layer" "does not touch the layer 'Content'"
                   (run-with img content style))
      (gimp-selection-none img)
      (check-equal "bad: no layer added" layers-before (layer-ids img))
      (check-equal "bad: content untouched" content-before (sample content (layer-grid content)))))
  (gimp-image-delete other)
  (gimp-image-delete img))

; Indexed images cannot be stylised.
(let* ((img (new-image 64 48 RGB))
       (style (add-plasma-layer img 0 "Style" 64 48 #f 2))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1)))
  (gimp-image-convert-indexed img CONVERT-DITHER-NONE CONVERT-PALETTE-GENERATE 16
                              FALSE FALSE "")
  (check-fails "bad: indexed image" "Indexed images cannot be stylised"
               (run-with img content style))
  (check-equal "bad: indexed image unchanged" 2 (length (layer-ids img)))
  (gimp-image-delete img))

; A layer beyond any memory budget, even in tiles: the copies of the image alone would
; take terabytes. The layer is never painted, so GIMP does not allocate it.
(let* ((img (new-image 100000 100000 RGB))
       (huge (new-layer img "Huge" 100000 100000 RGB-IMAGE)))
  (gimp-image-insert-layer img huge 0 0)
  (check-fails "bad: beyond memory" "GB is too small for a"
               (lambda () (neural-style RUN-NONINTERACTIVE img huge huge no-layer
                                        0.5 10 1 1 0 5 1 0 7)))
  (check-equal "bad: beyond memory, image unchanged" 1 (length (layer-ids img)))
  (gimp-image-delete img))

(end-of-test-file)
