#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the DICOM conformance corpus with DCMTK into OUTDIR, with a reference JSON per file made by
# DCMTK's dcm2json. Deterministic (fixed UIDs, generated pixels, no clocks): two runs give the same bytes.
#
#   scripts/corpus/build.sh OUTDIR
#
# OUTDIR/NAME.dcm                the corpus files
# OUTDIR/reference/NAME.json     dcm2json's output for the file (or for its stand-in, see MANIFEST.tsv)
# OUTDIR/reference/NAME.fragments/  encapsulated Pixel Data fragments as dcmdump +W writes them
# OUTDIR/MANIFEST.tsv            name, transfer syntax, how it was made, whose dcm2json output is the
#                                reference, and which elements it covers
# docs/conformance-corpus.md describes every file and every justified difference.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:?usage: build.sh OUTDIR}
for tool in dump2dcm img2dcm dcmconv dcmodify dcmcrle dcmcjpeg dcmcjpls dcmdump dcm2json perl iconv; do
  command -v "$tool" >/dev/null 2>&1 || { echo "build.sh: $tool missing (apt-get install dcmtk perl libc-bin)" >&2; exit 1; }
done
mkdir -p "$out/reference"
out=$(cd "$out" && pwd)
work=$(mktemp -d "$out/.work.XXXXXX")
trap 'rm -rf "$work"' EXIT
manifest="$out/MANIFEST.tsv"
printf 'name\ttransfer_syntax\tmade_by\treference_from\tcompared\n' >"$manifest"

# Quiet: DCMTK warns about deviations the corpus makes on purpose; errors still fail the build.
q=(-q)

# add NAME MADE_BY [STAND_IN]: records a corpus file and makes its reference JSON with dcm2json, from
# the file itself or, where dcm2json cannot read or decode the file, from a stand-in that holds the same
# data set (each case is justified in docs/conformance-corpus.md). dcm2json 3.6.7 cannot write
# encapsulated Pixel Data, so for a compressed file the reference covers everything but (7FE0,0010),
# and the fragments are written by dcmdump +W to reference/NAME.fragments/ to be compared byte by byte.
add() {
  local name=$1 made_by=$2 ref=${3:-$out/$1.dcm} ts compare=all
  ts=$(dcmdump -q -Un +P 0002,0010 "$out/$name.dcm" 2>/dev/null | sed -n "s/.*\[\(.*\)\].*/\1/p" | awk 'NR == 1') || true
  [ -n "$ts" ] || ts=none
  if [ "$(dcmdump -q +P 7fe0,0010 "$ref" 2>/dev/null | grep -c PixelSequence)" != 0 ]; then
    mkdir -p "$out/reference/without-pixel-data" "$out/reference/$name.fragments"
    dcmdump -q +W "$out/reference/$name.fragments" "$ref" >/dev/null
    cp "$ref" "$out/reference/without-pixel-data/$name.dcm"
    dcmodify -q -nb -ea "(7fe0,0010)" "$out/reference/without-pixel-data/$name.dcm"
    ref=$out/reference/without-pixel-data/$name.dcm
    compare="all but 7FE00010"
  fi
  dcm2json "${q[@]}" "$ref" >"$out/reference/$name.json"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$ts" "$made_by" \
    "$([ "$ref" = "$out/$name.dcm" ] && echo self || echo "${ref#"$out"/}")" "$compare" >>"$manifest"
}

# encode SRC DST: the dump in the character set its "# encoding:" line names (see encode.pl).
encode() {
  local enc
  enc=$(sed -n 's/^# encoding: //p' "$1")
  if grep -q '{ESC\|{=' "$1"; then
    perl "$here/encode.pl" "$enc" <"$1" >"$2"
  else
    iconv -f UTF-8 -t "$enc" "$1" >"$2"
  fi
}

# utf8_sibling SRC DST: the same dump in UTF-8 with every (0008,0005) set to ISO_IR 192.
utf8_sibling() {
  sed -e 's/{ESC[^}]*}//g; s/{=[^}]*}//g' -e 's/^\( *(0008,0005) CS\) \[.*\]/\1 [ISO_IR 192]/' "$1" >"$2"
}

# ---- pixels ------------------------------------------------------------------------------------
frames=8
perl "$here/pixels.pl" ct "$work/ct.raw"
perl "$here/pixels.pl" frames "$work/mf.raw" "$frames" 64 64
perl "$here/pixels.pl" bmp "$work/rgb.bmp" 64 48

# ---- every VR, nesting, private blocks: one data set in every native transfer syntax -------------
dump2dcm "${q[@]}" +te "$here/dumps/vr-all.dump" "$out/vr-all-explicit-le.dcm"
add vr-all-explicit-le "dump2dcm +te"
dcmconv "${q[@]}" +ti "$out/vr-all-explicit-le.dcm" "$out/vr-all-implicit-le.dcm"
add vr-all-implicit-le "dcmconv +ti"
dcmconv "${q[@]}" +tb "$out/vr-all-explicit-le.dcm" "$out/vr-all-explicit-be.dcm"
add vr-all-explicit-be "dcmconv +tb"
dcmconv "${q[@]}" +td "$out/vr-all-explicit-le.dcm" "$out/vr-all-deflated.dcm"
add vr-all-deflated "dcmconv +td"
dcmconv "${q[@]}" +te -e "$out/vr-all-explicit-le.dcm" "$out/vr-all-undefined-lengths.dcm"
add vr-all-undefined-lengths "dcmconv +te -e (undefined-length sequences and items)"
dcmconv "${q[@]}" +ti -e "$out/vr-all-explicit-le.dcm" "$out/vr-all-implicit-undefined-lengths.dcm"
add vr-all-implicit-undefined-lengths "dcmconv +ti -e"
dcmconv "${q[@]}" +tb -e "$out/vr-all-explicit-le.dcm" "$out/vr-all-explicit-be-undefined-lengths.dcm"
add vr-all-explicit-be-undefined-lengths "dcmconv +tb -e"
dcmconv "${q[@]}" +te +g "$out/vr-all-explicit-le.dcm" "$out/vr-all-group-lengths.dcm"
add vr-all-group-lengths "dcmconv +te +g (group length in every group)"
dcmconv "${q[@]}" +ti +g "$out/vr-all-explicit-le.dcm" "$out/vr-all-implicit-group-lengths.dcm"
add vr-all-implicit-group-lengths "dcmconv +ti +g"
dcmconv "${q[@]}" +te +p 1024 0 "$out/vr-all-explicit-le.dcm" "$out/vr-all-trailing-padding.dcm"
add vr-all-trailing-padding "dcmconv +p 1024 0 (Data Set Trailing Padding (FFFC,FFFC))"

# ---- odd files: no File Meta Information, no preamble ----------------------------------------------
dcmconv "${q[@]}" -F +ti "$out/vr-all-explicit-le.dcm" "$out/dataset-only-implicit-le.dcm"
add dataset-only-implicit-le "dcmconv -F +ti (data set only, no preamble or meta information)"
dcmconv "${q[@]}" -F +te "$out/vr-all-explicit-le.dcm" "$out/dataset-only-explicit-le.dcm"
add dataset-only-explicit-le "dcmconv -F +te"
dcmconv "${q[@]}" -F +tb "$out/vr-all-explicit-le.dcm" "$out/dataset-only-explicit-be.dcm"
add dataset-only-explicit-be "dcmconv -F +tb"
# "DICM" at offset 0: DCMTK cannot read this deviation, so the reference is the file it was cut from.
tail -c +129 "$out/vr-all-explicit-le.dcm" >"$out/no-preamble.dcm"
add no-preamble "vr-all-explicit-le without its 128-byte preamble" "$out/vr-all-explicit-le.dcm"

# ---- UN with undefined length (PS3.5 §6.2.2) and an odd value length -------------------------------
# dump2dcm cannot write these, so their bytes are appended (Explicit VR Little Endian, tags ascending).
dump2dcm "${q[@]}" +te -p "$here/dumps/un-undefined-length.dump" "$work/un.dcm"
perl -e '
  sub el { my ($g, $e, $vr, $v) = @_; pack("v v a2 v", $g, $e, $vr, length $v) . $v }
  sub imp { my ($g, $e, $v) = @_; pack("v v V", $g, $e, length $v) . $v }   # implicit VR header
  my $undef = 0xFFFFFFFF;
  my $item = pack("v v V", 0xFFFE, 0xE000, $undef);
  my $item_end = pack("v v V", 0xFFFE, 0xE00D, 0);
  my $seq_end = pack("v v V", 0xFFFE, 0xE0DD, 0);
  binmode STDOUT;
  # (0040,0260) Performed Protocol Code Sequence sent as UN, undefined length, items in Implicit VR LE
  print pack("v v a2 v V", 0x0040, 0x0260, "UN", 0, $undef), $item,
        imp(0x0008, 0x0100, "T-A0100 "), imp(0x0008, 0x0102, "SRT "), imp(0x0008, 0x0104, "Brain "),
        $item_end, $item, imp(0x0008, 0x0100, "X1"),
        # a nested undefined-length sequence inside the implicit-VR content
        pack("v v V", 0x0040, 0xA043, $undef), $item, imp(0x0008, 0x0100, "deep"), $item_end, $seq_end,
        $item_end, $seq_end;
  print el(0x0099, 0x0010, "LO", "PACS TEST UN");
  # a private sequence sent as UN with undefined length
  print pack("v v a2 v V", 0x0099, 0x1010, "UN", 0, $undef), $item, imp(0x0010, 0x0020, "ID-IN-UN"),
        $item_end, $seq_end;
  print el(0x0099, 0x1011, "LO", "odd");   # odd value length (PS3.5 §7.1.1 requires even)
' >"$work/un-tail.bin"
cat "$work/un.dcm" "$work/un-tail.bin" >"$out/un-undefined-length.dcm"
add un-undefined-length "dump2dcm + appended UN (undefined length) elements and an odd-length LO"

# ---- character sets ------------------------------------------------------------------------------
for dump in "$here"/dumps/cs-*.dump; do
  name=$(basename "$dump" .dump)
  encode "$dump" "$work/$name.dump"
  dump2dcm "${q[@]}" +te "$work/$name.dump" "$out/$name.dcm"
  if grep -q '^# reference: utf8-sibling' "$dump"; then
    mkdir -p "$out/reference/utf8-sibling"
    utf8_sibling "$dump" "$work/$name.utf8.dump"
    dump2dcm "${q[@]}" +te "$work/$name.utf8.dump" "$out/reference/utf8-sibling/$name.dcm"
    add "$name" "dump2dcm of dumps/$name.dump (encode.pl)" "$out/reference/utf8-sibling/$name.dcm"
  else
    add "$name" "dump2dcm of dumps/$name.dump"
  fi
done

# ---- CT image: 512x512 signed 16-bit, native and compressed ------------------------------------------
sed "s|@PIXELS@|$work/ct.raw|" "$here/dumps/ct.dump" >"$work/ct.dump"
dump2dcm "${q[@]}" +te "$work/ct.dump" "$out/ct-explicit-le.dcm"
add ct-explicit-le "dump2dcm +te, pixels.pl ct"
dcmconv "${q[@]}" +ti "$out/ct-explicit-le.dcm" "$out/ct-implicit-le.dcm"
add ct-implicit-le "dcmconv +ti"
dcmconv "${q[@]}" +tb "$out/ct-explicit-le.dcm" "$out/ct-explicit-be.dcm"
add ct-explicit-be "dcmconv +tb"
dcmconv "${q[@]}" +td "$out/ct-explicit-le.dcm" "$out/ct-deflated.dcm"
add ct-deflated "dcmconv +td"
dcmcrle "${q[@]}" "$out/ct-explicit-le.dcm" "$out/ct-rle.dcm"
add ct-rle "dcmcrle (RLE Lossless)"
dcmcjpeg "${q[@]}" +e1 +un "$out/ct-explicit-le.dcm" "$out/ct-jpeg-lossless.dcm"
add ct-jpeg-lossless "dcmcjpeg +e1 (JPEG Lossless SV1)"
dcmcjpeg "${q[@]}" +e1 +un +fs 16 -ot "$out/ct-explicit-le.dcm" "$out/ct-jpeg-lossless-fragments.dcm"
add ct-jpeg-lossless-fragments "dcmcjpeg +e1 +fs 16 -ot (16 KiB fragments, empty Basic Offset Table)"
dcmcjpls "${q[@]}" +el "$out/ct-explicit-le.dcm" "$out/ct-jpeg-ls.dcm"
add ct-jpeg-ls "dcmcjpls +el (JPEG-LS Lossless)"

# ---- multi-frame ---------------------------------------------------------------------------------
sed -e "s|@PIXELS@|$work/mf.raw|" -e "s|@FRAMES@|$frames|" \
    -e "s|@SLICES@|$(awk -v n="$frames" 'BEGIN { for (i = 0; i < n; i++) printf "%s%g", (i ? "\\\\" : ""), i * 2.5 }')|" \
    "$here/dumps/mf.dump" >"$work/mf.dump"
dump2dcm "${q[@]}" +te "$work/mf.dump" "$out/mf-explicit-le.dcm"
add mf-explicit-le "dump2dcm +te, pixels.pl frames ($frames frames of 64x64)"
dcmconv "${q[@]}" +ti -e "$out/mf-explicit-le.dcm" "$out/mf-implicit-le.dcm"
add mf-implicit-le "dcmconv +ti -e"
dcmcrle "${q[@]}" "$out/mf-explicit-le.dcm" "$out/mf-rle.dcm"
add mf-rle "dcmcrle (one fragment per frame, Basic Offset Table)"
dcmcjpls "${q[@]}" +el -ot "$out/mf-explicit-le.dcm" "$out/mf-jpeg-ls.dcm"
add mf-jpeg-ls "dcmcjpls +el -ot (empty Basic Offset Table)"
dcmcjpeg "${q[@]}" +e1 +un "$out/mf-explicit-le.dcm" "$out/mf-jpeg-lossless.dcm"
add mf-jpeg-lossless "dcmcjpeg +e1"

# ---- img2dcm: a generated bitmap, and a JPEG passed through unchanged ------------------------------------
uids=(-k StudyInstanceUID=2.25.3210987654321.5 -k SeriesInstanceUID=2.25.3210987654321.5.0)
img2dcm "${q[@]}" -i BMP "${uids[@]}" -k SOPInstanceUID=2.25.3210987654321.5.1 \
  "$work/rgb.bmp" "$out/sc-rgb-from-bmp.dcm"
add sc-rgb-from-bmp "img2dcm -i BMP (pixels.pl bmp, 64x48 RGB)"
dcmcjpeg "${q[@]}" +eb +un "$out/sc-rgb-from-bmp.dcm" "$out/sc-jpeg-baseline.dcm"
add sc-jpeg-baseline "dcmcjpeg +eb (JPEG Baseline, YBR_FULL_422)"
mkdir -p "$work/frames"
dcmdump -q +W "$work/frames" "$out/sc-jpeg-baseline.dcm" >/dev/null
img2dcm "${q[@]}" -i JPEG "${uids[@]}" -k SOPInstanceUID=2.25.3210987654321.5.2 \
  "$work/frames/sc-jpeg-baseline.dcm.1.raw" "$out/sc-jpeg-from-img2dcm.dcm"
add sc-jpeg-from-img2dcm "img2dcm -i JPEG (the JPEG of sc-jpeg-baseline passed through)"

echo "build.sh: $(($(wc -l <"$manifest") - 1)) files in $out"
