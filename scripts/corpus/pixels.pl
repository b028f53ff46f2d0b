#!/usr/bin/perl
# SPDX-License-Identifier: Apache-2.0
# Writes the deterministic raw images the corpus is built from (no random numbers: the same bytes on
# every run, so corpus files and benchmark inputs are reproducible).
#   pixels.pl ct FILE           512x512 signed 16-bit CT-like phantom (HU: air -1000, water 0, bone 1200)
#   pixels.pl frames FILE N W H N frames of W x H unsigned 16-bit, each frame shifted so frames differ
#   pixels.pl bmp FILE W H      a 24-bit BMP (Windows bitmap, bottom-up rows) colour test pattern
use strict;
use warnings;

my ($kind, $file, @args) = @ARGV;
die "usage: pixels.pl ct|frames|bmp FILE ...\n" unless $kind && $file;
open(my $out, '>:raw', $file) or die "pixels.pl: $file: $!\n";

if ($kind eq 'ct') {
    my $n = 512;
    for my $y (0 .. $n - 1) {
        my @row;
        for my $x (0 .. $n - 1) {
            my ($dx, $dy) = ($x - 256, $y - 256);
            my $r2 = $dx * $dx + $dy * $dy;
            my $hu = -1000;                                   # air around the body
            $hu = 20 + (($x ^ $y) & 15) if $r2 < 200 * 200;   # soft tissue with a little texture
            $hu = 1200 if $r2 > 180 * 180 && $r2 < 200 * 200; # a ring of bone
            $hu = -3024 if $x < 4;                            # padding value outside the scan circle
            push @row, $hu;
        }
        print $out pack('s<*', @row);
    }
} elsif ($kind eq 'frames') {
    my ($frames, $w, $h) = @args;
    for my $f (0 .. $frames - 1) {
        for my $y (0 .. $h - 1) {
            my @row = map { ((($_ + $f) * 64) + $y * 16) & 0x0FFF } 0 .. $w - 1;
            print $out pack('S<*', @row);
        }
    }
} elsif ($kind eq 'bmp') {
    my ($w, $h) = @args;
    my $stride = ($w * 3 + 3) & ~3;
    my $size = 54 + $stride * $h;
    print $out 'BM', pack('V v v V', $size, 0, 0, 54);
    print $out pack('V l< l< v v V V l< l< V V', 40, $w, $h, 1, 24, 0, $stride * $h, 2835, 2835, 0, 0);
    for my $y (reverse 0 .. $h - 1) {    # BMP rows run bottom-up
        my $row = '';
        for my $x (0 .. $w - 1) {
            $row .= pack('C3', ($x * 255 / ($w - 1)), ($y * 255 / ($h - 1)), (($x ^ $y) & 1) * 255);  # B G R
        }
        print $out $row, "\0" x ($stride - $w * 3);
    }
} else {
    die "pixels.pl: unknown kind $kind\n";
}
close($out) or die "pixels.pl: $file: $!\n";
