; GIMP 2.10 only: the plug-in keeps its last values after every run, also a
; non-interactive one (gimp_set_data). GIMP 3 keeps a procedure's last values itself, and
; only after an interactive run, which batch mode cannot do: the GUI test covers Repeat
; there (tests/gui).
; Repeat uses the last values, whatever else is passed, and a seed of -1 is recorded as
; the seed actually used.

; Whether the settings record a seed, and not -1 ("a new one each run").
(define (seed-picked? settings)
  (and (string-contains? settings "\nseed=")
       (not (string-contains? settings "\nseed=-1\n"))))

(let* ((img (new-image 64 48 RGB))
       (style (add-plasma-layer img 0 "Last style" 64 48 #f 2))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1))
       (first (neural-style RUN-NONINTERACTIVE img content style no-layer
                            0.5 20 1 1 0 4 1 0 -1))
       (again (repeat-neural-style img content)))
  (check "last-values: a seed was picked" (seed-picked? (settings-of first)))
  (check-contains "last-values: style layer reused" (settings-of again)
                  "\nstyle-layer=Last style\n")
  (check-contains "last-values: iterations reused" (settings-of again) "\niterations=4\n")
  (check-contains "last-values: style weight reused" (settings-of again) "\nstyle-weight=20\n")
  (check "last-values: seed -1 still picks one" (seed-picked? (settings-of again)))
  (check-equal "last-values: each run adds one layer" 4 (length (layer-ids img)))
  ; Repeat after the style layer was deleted.
  (gimp-image-remove-layer img style)
  (let ((count (length (layer-ids img))))
    (check-fails "last-values: deleted style layer" "The style layer no longer exists"
                 (lambda () (repeat-neural-style img content)))
    (check-equal "last-values: image unchanged after the failure" count (length (layer-ids img))))
  (gimp-image-delete img))

(end-of-test-file)
