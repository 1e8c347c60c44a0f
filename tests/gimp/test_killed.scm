; The runner kills the plug-in (SIGKILL) while it paints the first call here, a long one
; (run_gimp_tests.py, the "killed" session). Nothing of that run may remain: the image is
; as it was, no undo group is left open (GIMP would say "inconsistent", which the runner
; refuses), and the next call works.
(let* ((img (new-image 256 192 RGB))
       (content (add-plasma-layer img 0 "Content" 256 192 #f 1))
       (style (add-plasma-layer img 0 "Style" 256 192 #f 2)))
  (check-fails "killed: the call fails" ""
               (lambda () (neural-style RUN-NONINTERACTIVE img content style no-layer
                                        0.5 10 1 1 0 100000 1 0 7)))
  (check-equal "killed: no layer added" 2 (length (layer-ids img)))
  (stylise img content style)
  (check-equal "killed: the next call adds its layer" 3 (length (layer-ids img)))
  (gimp-image-delete img))

(end-of-test-file)
