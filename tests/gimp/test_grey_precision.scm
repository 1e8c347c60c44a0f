; Grey images at 16 bits and 32-bit float: the result is a layer of the image's own kind
; (grey, the image's precision), stylised; with a selection it gains alpha, still grey.

(define (check-grey-result what img content bytes-per-channel)
  (let ((result (stylise img content (add-plasma-layer img 0 "Style" 64 48 #f 2))))
    (check-equal (string-append what ": result is a grey layer without alpha") GRAY-IMAGE
                 (car (gimp-drawable-type result)))
    (check-equal (string-append what ": result has the image's precision")
                 bytes-per-channel (drawable-bpp result))
    (check (string-append what ": result differs from the content")
           (not (equal? (sample content (layer-grid content)) (sample result (layer-grid content)))))
    result))

(let* ((img (new-16-bit-image 64 48 GRAY))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1))
       (result (check-grey-result "grey 16-bit" img content 2)))
  (check "grey 16-bit: result keeps 16-bit precision" (> (off-8-bit-share result) 0.5))
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 10 10 20 20)
  (let ((masked (stylise img content result)))
    (check-equal "grey 16-bit with a selection: grey with alpha, 16 bits each"
                 (list GRAYA-IMAGE 4)
                 (list (car (gimp-drawable-type masked)) (drawable-bpp masked))))
  (gimp-image-delete img))

(let* ((img (new-float-image 64 48 GRAY))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1)))
  (check-grey-result "grey float" img content 4)
  (gimp-image-delete img))

(end-of-test-file)
