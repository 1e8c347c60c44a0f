; The seed: another seed paints another variation, the same seed the same pixels
; (test_same_as_cli.scm: the same as the command line's, too).

(let* ((img (new-image 64 48 RGB))
       (style (add-plasma-layer img 0 "Style" 64 48 #f 2))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1))
       (paint (lambda (seed)
                (sample (neural-style RUN-NONINTERACTIVE img content style no-layer 0.5 10 1 1 0 5 1 0
                                      seed)
                        (layer-grid content)))))
  (let ((one (paint 1)) (again (paint 1)) (two (paint 2)))
    (check-equal "seed: the same seed gives the same pixels" one again)
    (check "seed: another seed gives other pixels" (> (largest-difference one two) 2)))
  (gimp-image-delete img))

(end-of-test-file)
