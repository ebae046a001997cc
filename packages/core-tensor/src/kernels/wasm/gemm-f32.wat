;; Float32 GEMM kernels in WebAssembly SIMD (fixed-width 128-bit, no relaxed-SIMD).
;;
;; The JS driver (src/kernels/gemm-wasm.ts) copies A, B and C into linear memory past
;; `heap_base` and runs the Goto / BLIS loops: for each depth block it packs op(B) into
;; NR-wide and op(A) into MR-tall k-major micro-panels with `pack`, then `macro` sweeps
;; the MR×NR tiles of C. The micro-kernel keeps a 4×8 tile of C in eight f32x4
;; accumulators and per depth step adds the outer product of one packed column of A
;; (4 values, each splat) with one packed row of B (8 values, two vectors):
;;
;;   acc[r][0:4] += splat(Ã[k][r]) · B̃[k][0:4],   acc[r][4:8] += splat(Ã[k][r]) · B̃[k][4:8]
;;
;; as f32x4.mul then f32x4.add (fused multiply-add exists only in relaxed-SIMD). Sums are
;; float32, accumulated in depth order, and added to C once per depth block:
;; C ← α·acc + β·C (β = 0: C is not read, so garbage in it is ignored).
;;
;; Memory map (bytes): [0, 256) edge tile scratch, [pack_a, pack_a + MC·KC·4) packed A,
;; [pack_b, pack_b + KC·NC·4) packed B, [heap_base, …) operands. The memory is imported:
;; the driver never grows it (see gemm-wasm.ts), it instantiates the module again on a
;; larger one.
(module
  (import "env" "memory" (memory 11))

  (global (export "mr") i32 (i32.const 4))
  (global (export "nr") i32 (i32.const 8))
  (global (export "mc") i32 (i32.const 128))
  (global (export "kc") i32 (i32.const 256))
  (global (export "nc") i32 (i32.const 512))
  (global $tile i32 (i32.const 0))
  (global $pack_a (export "pack_a") i32 (i32.const 256))
  (global $pack_b (export "pack_b") i32 (i32.const 131328))
  (global (export "heap_base") i32 (i32.const 655616))

  ;; Packs a `lanes`×`depth` block (element (l, k) at src + l·lane_stride + k·depth_stride,
  ;; strides in bytes) into ⌈lanes/width⌉ k-major panels at dst: panel p holds, for each k,
  ;; the `width` values of lanes p·width … p·width + width − 1, zero past `lanes`.
  ;; `width` is a multiple of 4; contiguous lanes (lane_stride = 4) are copied as vectors.
  (func (export "pack")
    (param $src i32) (param $lane_stride i32) (param $depth_stride i32)
    (param $lanes i32) (param $depth i32) (param $width i32) (param $dst i32)
    (local $p i32) (local $n i32) (local $k i32) (local $l i32) (local $row i32) (local $at i32)
    (block $panels_done
      (loop $panels
        (br_if $panels_done (i32.ge_u (local.get $p) (local.get $lanes)))
        ;; n = min(width, lanes − p)
        (local.set $n (i32.sub (local.get $lanes) (local.get $p)))
        (if (i32.gt_u (local.get $n) (local.get $width)) (then (local.set $n (local.get $width))))
        (local.set $row (i32.add (local.get $src) (i32.mul (local.get $p) (local.get $lane_stride))))
        (local.set $k (local.get $depth))
        (if (i32.and (i32.eq (local.get $n) (local.get $width)) (i32.eq (local.get $lane_stride) (i32.const 4)))
          (then
            ;; full panel of contiguous lanes: `width` floats per k as vectors
            (loop $vk
              (local.set $l (i32.const 0))
              (loop $vl
                (v128.store (i32.add (local.get $dst) (local.get $l))
                  (v128.load (i32.add (local.get $row) (local.get $l))))
                (local.set $l (i32.add (local.get $l) (i32.const 16)))
                (br_if $vl (i32.lt_u (local.get $l) (i32.shl (local.get $width) (i32.const 2)))))
              (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $width) (i32.const 2))))
              (local.set $row (i32.add (local.get $row) (local.get $depth_stride)))
              (br_if $vk (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))
          (else
            ;; strided or partial panel: one value at a time, zeros past `lanes`
            (loop $sk
              (local.set $l (i32.const 0))
              (local.set $at (local.get $row))
              (loop $sl
                (f32.store (local.get $dst)
                  (if (result f32) (i32.lt_u (local.get $l) (local.get $n))
                    (then (f32.load (local.get $at)))
                    (else (f32.const 0))))
                (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                (local.set $at (i32.add (local.get $at) (local.get $lane_stride)))
                (br_if $sl (i32.lt_u (local.tee $l (i32.add (local.get $l) (i32.const 1))) (local.get $width))))
              (local.set $row (i32.add (local.get $row) (local.get $depth_stride)))
              (br_if $sk (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
        (local.set $p (i32.add (local.get $p) (local.get $width)))
        (br $panels))))

  ;; C[0:mc, 0:nc] ← α·Ã·B̃ + β·C over packed blocks of depth kc ≥ 1 (Ã at pack_a, B̃
  ;; at pack_b), C at c with row stride ldc bytes. Full tiles go straight to C; edge tiles
  ;; are computed whole into the scratch tile and their valid part added.
  (func (export "macro")
    (param $mc i32) (param $nc i32) (param $kc i32) (param $c i32) (param $ldc i32)
    (param $alpha f32) (param $beta f32)
    (local $jr i32) (local $ir i32) (local $mr i32) (local $nr i32) (local $a i32) (local $b i32)
    (local $ct i32) (local $i i32) (local $j i32) (local $at i32) (local $panel_bytes i32)
    ;; one packed panel is kc·4 values of Ã or kc·8 of B̃
    (local.set $panel_bytes (i32.shl (local.get $kc) (i32.const 4)))
    (local.set $b (global.get $pack_b))
    (loop $columns
      (local.set $nr (i32.sub (local.get $nc) (local.get $jr)))
      (if (i32.gt_u (local.get $nr) (i32.const 8)) (then (local.set $nr (i32.const 8))))
      (local.set $a (global.get $pack_a))
      (local.set $ir (i32.const 0))
      (loop $rows
        (local.set $mr (i32.sub (local.get $mc) (local.get $ir)))
        (if (i32.gt_u (local.get $mr) (i32.const 4)) (then (local.set $mr (i32.const 4))))
        (local.set $ct
          (i32.add (local.get $c)
            (i32.add (i32.mul (local.get $ir) (local.get $ldc)) (i32.shl (local.get $jr) (i32.const 2)))))
        (if (i32.and (i32.eq (local.get $mr) (i32.const 4)) (i32.eq (local.get $nr) (i32.const 8)))
          (then
            (call $micro (local.get $kc) (local.get $a) (local.get $b) (local.get $ct) (local.get $ldc)
              (local.get $alpha) (local.get $beta)))
          (else
            (call $micro (local.get $kc) (local.get $a) (local.get $b) (global.get $tile) (i32.const 32)
              (local.get $alpha) (f32.const 0))
            (local.set $i (i32.const 0))
            (loop $edge_rows
              (local.set $j (i32.const 0))
              (loop $edge_cols
                (local.set $at
                  (i32.add (local.get $ct)
                    (i32.add (i32.mul (local.get $i) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 2)))))
                (f32.store (local.get $at)
                  (f32.add
                    (if (result f32) (f32.ne (local.get $beta) (f32.const 0))
                      (then (f32.mul (local.get $beta) (f32.load (local.get $at))))
                      (else (f32.const 0)))
                    (f32.load
                      (i32.add (global.get $tile)
                        (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 3)) (local.get $j)) (i32.const 2))))))
                (br_if $edge_cols (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $nr))))
              (br_if $edge_rows (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $mr))))))
        (local.set $a (i32.add (local.get $a) (local.get $panel_bytes)))
        (br_if $rows (i32.lt_u (local.tee $ir (i32.add (local.get $ir) (i32.const 4))) (local.get $mc))))
      (local.set $b (i32.add (local.get $b) (i32.shl (local.get $panel_bytes) (i32.const 1))))
      (br_if $columns (i32.lt_u (local.tee $jr (i32.add (local.get $jr) (i32.const 8))) (local.get $nc)))))

  ;; One 4×8 tile: C[c + r·ldc, 0:8] ← α·Σₖ Ã[k][r]·B̃[k][0:8] + β·C[c + r·ldc, 0:8] for
  ;; r < 4, with Ã a packed 4-tall panel at a and B̃ a packed 8-wide panel at b (k ≥ 1);
  ;; β = 0 does not read C.
  (func $micro
    (param $k i32) (param $a i32) (param $b i32) (param $c i32) (param $ldc i32)
    (param $alpha f32) (param $beta f32)
    (local $b0 v128) (local $b1 v128) (local $ak v128) (local $s v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (loop $depth
      (local.set $b0 (v128.load (local.get $b)))
      (local.set $b1 (v128.load offset=16 (local.get $b)))
      (local.set $ak (v128.load32_splat (local.get $a)))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $ak) (local.get $b0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $ak) (local.get $b1))))
      (local.set $ak (v128.load32_splat offset=4 (local.get $a)))
      (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $ak) (local.get $b0))))
      (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $ak) (local.get $b1))))
      (local.set $ak (v128.load32_splat offset=8 (local.get $a)))
      (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $ak) (local.get $b0))))
      (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $ak) (local.get $b1))))
      (local.set $ak (v128.load32_splat offset=12 (local.get $a)))
      (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $ak) (local.get $b0))))
      (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $ak) (local.get $b1))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 32)))
      (br_if $depth (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
    (local.set $s (f32x4.splat (local.get $alpha)))
    (local.set $c00 (f32x4.mul (local.get $c00) (local.get $s)))
    (local.set $c01 (f32x4.mul (local.get $c01) (local.get $s)))
    (local.set $c10 (f32x4.mul (local.get $c10) (local.get $s)))
    (local.set $c11 (f32x4.mul (local.get $c11) (local.get $s)))
    (local.set $c20 (f32x4.mul (local.get $c20) (local.get $s)))
    (local.set $c21 (f32x4.mul (local.get $c21) (local.get $s)))
    (local.set $c30 (f32x4.mul (local.get $c30) (local.get $s)))
    (local.set $c31 (f32x4.mul (local.get $c31) (local.get $s)))
    (if (f32.ne (local.get $beta) (f32.const 0))
      (then
        (local.set $s (f32x4.splat (local.get $beta)))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $s) (v128.load (local.get $c)))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $c)))))
        (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $s) (v128.load (i32.add (local.get $c) (local.get $ldc))))))
        (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $s) (v128.load offset=16 (i32.add (local.get $c) (local.get $ldc))))))
        (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $s) (v128.load (i32.add (local.get $c) (i32.shl (local.get $ldc) (i32.const 1)))))))
        (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $s) (v128.load offset=16 (i32.add (local.get $c) (i32.shl (local.get $ldc) (i32.const 1)))))))
        (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $s) (v128.load (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3)))))))
        (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $s) (v128.load offset=16 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3)))))))))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c10))
    (v128.store offset=16 (local.get $c) (local.get $c11))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c20))
    (v128.store offset=16 (local.get $c) (local.get $c21))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c30))
    (v128.store offset=16 (local.get $c) (local.get $c31))))
