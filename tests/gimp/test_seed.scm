; The seed: another seed paints another variation, the same seed the same pixels (to one
; level, below).

(let* ((img (new-image 64 48 RGB))
       (style (add-plasma-layer img 0 "Style" 64 48 #f 2))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1))
       (paint (lambda (seed)
                (sample (neural-style RUN-NONINTERACTIVE img content style no-layer 0.5 10 1 1 0 5 1 0
                                      seed)
                        (layer-grid content)))))
  (let ((one (paint 1)) (again (paint 1)) (two (paint 2)))
    ; To one level of 255, not exactly: in two CI sessions so far, one channel of the
    ; 25 samples came back one level apart (twice: 138/137, 5/4), where the CLI writes
    ; identical files run after run, also with glibc's heap filled by MALLOC_PERTURB_.
    ; Not found; the suspect is babl, which picks its float-to-u8 conversion by timing
    ; the candidates in each process. Noise left unseeded differs by far more.
    (check "seed: the same seed gives the same pixels, to one level"
           (<= (largest-difference one again) 1))
    (check "seed: another seed gives other pixels" (> (largest-difference one two) 2)))
  (gimp-image-delete img))

(end-of-test-file)
