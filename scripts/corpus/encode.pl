#!/usr/bin/perl
# SPDX-License-Identifier: Apache-2.0
# Encodes a UTF-8 dump file into the bytes a DICOM character set needs, so the dump sources stay
# readable. Usage: encode.pl DEFAULT-ENCODING < in.dump > out.dump
# Text is encoded with DEFAULT-ENCODING (a Perl Encode name) until a marker changes it:
#   {ESC$B}  writes ESC $ B, then JIS X 0208 (7-bit)        ISO 2022 IR 87
#   {ESC(B}  writes ESC ( B, then ASCII                      ISO 2022 IR 6
#   {ESC(J}  writes ESC ( J, then JIS X 0201 Romaji (ASCII)  ISO 2022 IR 14
#   {ESC)I}  writes ESC ) I, then JIS X 0201 Katakana (GR)   ISO 2022 IR 13
#   {ESC$)C} writes ESC $ ) C, then KS X 1001 in GR          ISO 2022 IR 149
#   {ESC$)A} writes ESC $ ) A, then GB 2312 in GR            ISO 2022 IR 58
#   {ESC-A} {ESC-F} {ESC-L} write ESC - A/F/L, then Latin-1 / Greek / Cyrillic in GR
#   {=NAME}  writes nothing, continues in encoding NAME (e.g. for an item with its own character set)
# The markers mirror the escape sequences of PS3.5 §6.1.2.5 and the examples of PS3.5 Annexes H-K.
use strict;
use warnings;
use Encode qw(encode decode);

my $default = shift @ARGV or die "usage: encode.pl DEFAULT-ENCODING < in > out\n";
my %sets = (
    '$B'  => ["\e\$B",  'jis0208-raw'],
    '(B'  => ["\e(B",   'ascii'],
    '(J'  => ["\e(J",   'ascii'],
    ')I'  => ["\e)I",   'shiftjis'],
    '$)C' => ["\e\$)C", 'euc-kr'],
    '$)A' => ["\e\$)A", 'euc-cn'],
    '-A'  => ["\e-A",   'iso-8859-1'],
    '-F'  => ["\e-F",   'iso-8859-7'],
    '-L'  => ["\e-L",   'iso-8859-5'],
);
binmode(STDIN, ':raw');
binmode(STDOUT, ':raw');
while (my $line = <STDIN>) {
    my $text = decode('UTF-8', $line, Encode::FB_CROAK);
    my $enc = $default;    # every line starts in the default set, as every DICOM value does
    my $out = '';
    for my $part (split /(\{ESC[^}]+\}|\{=[^}]+\})/, $text) {
        if ($part =~ /^\{ESC([^}]+)\}$/) {
            my $set = $sets{$1} or die "encode.pl: unknown escape marker $part\n";
            $out .= $set->[0];
            $enc = $set->[1];
        } elsif ($part =~ /^\{=([^}]+)\}$/) {
            $enc = $1;
        } else {
            $out .= encode($enc, $part, Encode::FB_CROAK);
        }
    }
    print $out;
}
