; Where the style comes from: a layer of another image, and two styles mixed.

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
       (result (neural-style RUN-NONINTERACTIVE img content style style2
                             0.25 10 1 1 0 5 1 0 7)))
  (check-equal "two-styles: name" "Content in the style of Waves and Dots"
               (car (gimp-item-get-name result)))
  (check-contains "two-styles: mix recorded" (settings-of result) "\nstyle-mix=0.25\n")
  (check-contains "two-styles: second style recorded" (settings-of result) "\nstyle2-layer=Dots\n")
  (gimp-image-delete img))

(end-of-test-file)
