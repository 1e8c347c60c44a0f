; A layer that does not sit at the image's origin: the selection (in image coordinates)
; limits the result at the right place on the layer, and the result lies exactly over
; the content. With alpha, the result's alpha is the content's times the selection.

; The context computed around a selection, in pixels (kContextMargin, plugin/inputs.cpp).
(define context-margin 32)

; "\nregion=x,y,width,height\n" of the settings record, for a selection at (x y) of size
; w x h on the layer, with the context around it inside a layer of size lw x lh.
(define (region-line x y w h lw lh)
  (let ((left (max 0 (- x context-margin))) (top (max 0 (- y context-margin))))
    (string-append "\nregion=" (number->string left) "," (number->string top) ","
                   (number->string (- (min lw (+ x w context-margin)) left)) ","
                   (number->string (- (min lh (+ y h context-margin)) top)) "\n")))

; A 112 x 96 layer at (30, 20) in a 160 x 128 image, and a selection at (80, 60) in the
; image: (50, 40) on the layer. Reading the selection at the layer's coordinates instead
; would find it at (80, 60) on the layer, where the checks below want transparency.
(let* ((img (new-image 160 128 RGB))
       (style (add-plasma-layer img 0 "Style" 160 128 #f 2))
       (content (add-plasma-layer img 0 "Content" 112 96 #f 1))
       (x 30) (y 20))
  (gimp-layer-set-offsets content x y)
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 80 60 12 10)
  (let ((result (stylise img content style)))
    (check-equal "offsets: result is the layer's size" '(112 96)
                 (list (drawable-width result) (drawable-height result)))
    (check-equal "offsets: result lies over the layer" (list x y) (drawable-offsets result))
    (check-contains "offsets: region is the selection on the layer plus context"
                    (settings-of result) (region-line (- 80 x) (- 60 y) 12 10 112 96))
    (check-equal "offsets: opaque inside the selection" 255 (alpha-at result 56 45))
    (check "offsets: style inside the selection"
           (> (largest-difference (list (pixel content 56 45)) (list (pixel result 56 45))) 0))
    (check-equal "offsets: transparent where the selection's image coordinates fall on the layer"
                 0 (alpha-at result 86 65))
    (check-equal "offsets: transparent in the layer's corner" 0 (alpha-at result 2 2)))
  (gimp-image-delete img))

; The same layer with alpha, its left half cleared; a selection across the edge of the
; cleared half. Inside the selection the content's alpha is kept, outside it is cleared.
(let* ((img (new-image 160 128 RGB))
       (style (add-plasma-layer img 0 "Style" 160 128 #f 2))
       (content (add-plasma-layer img 0 "Content" 112 96 #t 1))
       (x 30) (y 20))
  (gimp-layer-set-offsets content x y)
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE x y 56 96)   ; the left half
  (gimp-drawable-edit-clear content)
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 70 50 32 20) ; (40, 30) on the layer
  (let ((result (stylise img content style))
        (inside '((44 40) (52 34) (60 40) (70 48))))
    (check-equal "offsets+alpha: result lies over the layer" (list x y)
                 (drawable-offsets result))
    (check-equal "offsets+alpha: content's alpha inside the selection"
                 (map (lambda (p) (alpha-at content (car p) (cadr p))) inside)
                 (map (lambda (p) (alpha-at result (car p) (cadr p))) inside))
    (check-equal "offsets+alpha: the cleared half stays clear" 0 (alpha-at result 48 40))
    (check-equal "offsets+alpha: the opaque half is opaque" 255 (alpha-at result 64 40))
    (check-equal "offsets+alpha: transparent outside the selection, though the content is opaque"
                 '(255 0) (list (alpha-at content 100 40) (alpha-at result 100 40))))
  (gimp-image-delete img))

(end-of-test-file)
