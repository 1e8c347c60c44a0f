; Where the style comes from: a layer of another image, two styles mixed, and Repeat
; (run with last values), which GIMP calls with only run-mode, image and drawable.

; The style layer may belong to any open image.
(let* ((img (new-image 64 48 RGB))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1))
       (other (new-image 80 60 RGB))
       (style (add-plasma-layer other 0 "Faraway style" 80 60 #f 2))
       (result (stylise img content style)))
  (check-equal "other-image: result in the content's image" img (car (gimp-item-get-image result)))
  (check-equal "other-image: style image unchanged" 1 (length (layer-ids other)))
  (check-equal "other-image: name" "Content in the style of Faraway style"
               (car (gimp-item-get-name result)))
  (gimp-image-delete other)
  (gimp-image-delete img))

; Two styles: both named, the mix recorded.
(let* ((img (new-image 64 48 RGB))
       (style (add-plasma-layer img 0 "Waves" 64 48 #f 2))
       (style2 (add-plasma-layer img 0 "Dots" 64 48 #f 3))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1))
       (result (car (plug-in-neural-style RUN-NONINTERACTIVE img content style style2
                                          0.25 10 1 1 0 5 1 0 7))))
  (check-equal "two-styles: name" "Content in the style of Waves and Dots"
               (car (gimp-item-get-name result)))
  (check-contains "two-styles: mix recorded" (settings-of result) "\nstyle-mix=0.25\n")
  (check-contains "two-styles: second style recorded" (settings-of result) "\nstyle2-layer=Dots\n")
  (gimp-image-delete img))

; Repeat uses the last values, whatever else is passed, and a seed of -1 is recorded as
; the seed actually used.
(let* ((img (new-image 64 48 RGB))
       (style (add-plasma-layer img 0 "Last style" 64 48 #f 2))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1))
       (first (car (plug-in-neural-style RUN-NONINTERACTIVE img content style -1
                                         0.5 20 1 1 0 4 1 0 -1)))
       (again (car (plug-in-neural-style RUN-WITH-LAST-VALS img content -1 -1
                                         0 0 0 0 0 0 0 0 0))))
  (check "last-values: a seed was picked"
         (not (string-contains? (settings-of first) "\nseed=-1\n")))
  (check-contains "last-values: style layer reused" (settings-of again)
                  "\nstyle-layer=Last style\n")
  (check-contains "last-values: iterations reused" (settings-of again) "\niterations=4\n")
  (check-contains "last-values: style weight reused" (settings-of again) "\nstyle-weight=20\n")
  (check-contains "last-values: seed -1 still picks one" (settings-of again) "\nseed=")
  (check-equal "last-values: each run adds one layer" 4 (length (layer-ids img)))
  ; Repeat after the style layer was deleted.
  (gimp-image-remove-layer img style)
  (let ((count (length (layer-ids img))))
    (check-fails "last-values: deleted style layer" "The style layer no longer exists"
                 (lambda () (plug-in-neural-style RUN-WITH-LAST-VALS img content -1 -1
                                                  0 0 0 0 0 0 0 0 0)))
    (check-equal "last-values: image unchanged after the failure" count (length (layer-ids img))))
  (gimp-image-delete img))
