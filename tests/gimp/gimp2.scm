; GIMP 2.10's calls behind the names the tests use. gimp3.scm defines the same names for
; GIMP 3.0; the runner loads one of them before helpers.scm. Calls that read the same in
; both versions (gimp-item-get-name, gimp-image-get-item-position, …) stay in the tests.
; Every wrapper returns a plain value, not Script-Fu's one-element list.

; --- Images and layers --------------------------------------------------------------

; An image file, opened as a new image.
(define (load-image path) (car (gimp-file-load RUN-NONINTERACTIVE path path)))
; `layer` as a PNG file (GIMP 3: the image, which holds only that layer).
(define (save-png image layer file) (file-png-save-defaults RUN-NONINTERACTIVE image layer file file))

(define (new-16-bit-image width height base)
  (car (gimp-image-new-with-precision width height base PRECISION-U16-GAMMA)))

(define (new-float-image width height base)
  (car (gimp-image-new-with-precision width height base PRECISION-FLOAT-LINEAR)))

(define (image-base-type img) (car (gimp-image-base-type img)))

(define (new-layer img name width height type)
  (car (gimp-layer-new img width height type name 100 LAYER-MODE-NORMAL)))

(define (new-group img) (car (gimp-layer-group-new img)))

(define (new-channel img name width height)
  (car (gimp-channel-new img width height name 50 '(0 0 0))))

; Plasma, seeded: the same pixels every run.
(define (plasma-fill layer seed)
  (plug-in-plasma RUN-NONINTERACTIVE (car (gimp-item-get-image layer)) layer seed 2.5))

(define (layer-ids img) (vector->list (cadr (gimp-image-get-layers img))))

(define (child-count group) (car (gimp-item-get-children group)))

; 1 or 0.
(define (item-is-layer item) (car (gimp-item-is-layer item)))

; --- Drawables ----------------------------------------------------------------------

(define (drawable-width layer) (car (gimp-drawable-width layer)))
(define (drawable-height layer) (car (gimp-drawable-height layer)))
(define (drawable-offsets layer) (gimp-drawable-offsets layer))   ; (x y)
(define (drawable-bpp layer) (car (gimp-drawable-bpp layer)))

; The pixel's bytes in the drawable's own format (two per channel at 16 bits).
(define (pixel layer x y) (vector->list (cadr (gimp-drawable-get-pixel layer x y))))

; The share of a 16-bit layer's values that 8 bits cannot hold, over the sample grid: an
; 8-bit value widened to 16 bits has equal high and low bytes.
(define (off-8-bit-share layer)
  (let* ((bytes (apply append (sample layer (layer-grid layer))))
         (words (let loop ((bytes bytes) (pairs '()))
                  (if (null? bytes) pairs
                      (loop (cddr bytes) (cons (list (car bytes) (cadr bytes)) pairs))))))
    (/ (count-if (lambda (w) (not (= (car w) (cadr w)))) words) (length words))))

; --- The procedure under test ---------------------------------------------------------

; "No layer" for style2-drawable.
(define no-layer -1)

; One call with the full argument list, as documented: (neural-style run-mode image
; drawable style-drawable style2-drawable style-mix style-weight content-weight tv-weight
; size iterations style-scale preserve-colors seed). Returns the new layer.
(define (neural-style run-mode img drawable . settings)
  (car (apply plug-in-neural-style run-mode img drawable settings)))

; Repeat (run with last values): GIMP passes only run mode, image and drawable; the rest
; is filled with values the plug-in must ignore.
(define (repeat-neural-style img drawable)
  (neural-style RUN-WITH-LAST-VALS img drawable -1 -1 0 0 0 0 0 0 0 0 0))

; What the caller is told about a bad argument. `position` counts the procedure's
; arguments from 1 (run-mode); GIMP 2.10 leaves every check to the plug-in, so its own
; message is the answer.
(define (range-message position message) message)
(define (invalid-id-message message) message)

; A preserve-colors value that is neither true nor false, and what the caller is told.
(define not-a-boolean 2)
(define (boolean-message position message) message)

; --- Animation frames -------------------------------------------------------------------

; plug-in-neural-style-frames, fast: the eleven arguments of plug-in-neural-style, then
; temporal-weight. Returns the new image.
(define (stylise-frames img drawable style temporal-weight)
  (car (plug-in-neural-style-frames RUN-NONINTERACTIVE img drawable style no-layer 0.5 10 1 1
                                    0 3 1 0 7 temporal-weight)))

(define (image-width img) (car (gimp-image-width img)))
(define (image-height img) (car (gimp-image-height img)))

; Assigns linear sRGB (a float image's built-in profile) to an image that would use sRGB;
; the bytes of an image's assigned profile, empty when it has none.
(define profiles-in-pdb #t)
(define (assign-linear-profile img)
  (let* ((linear (new-float-image 8 8 RGB))
         (profile (gimp-image-get-effective-color-profile linear)))
    (gimp-image-set-color-profile img (car profile) (cadr profile))
    (gimp-image-delete linear)))
(define (assigned-profile img) (vector->list (cadr (gimp-image-get-color-profile img))))

(define (image-count) (car (gimp-image-list)))

; What the caller is told about an out-of-range temporal-weight: the plug-in's own words.
(define (frames-range-message message) message)
