#!/usr/bin/env bash
# Regenerates the embedded yes_no dataset archive shipped in this bundle.
#
#   apt-get install -y espeak-ng sox zip && datasets/yes_no/generate.sh
#
# Synthesizes "yes" and "no" (YES_NO_COUNT clips each) and a pool of other words
# (UNKNOWN_COUNT clips per word, one folder per word, as in Speech Commands) with
# espeak-ng, varying voice, voice variant, speed, pitch, loudness and a random
# low-pass; adds a _background_noise_ folder of sox-synthesized noises.
# Clips are 16 kHz mono 8-bit mu-law wav, trimmed of silence (at most 1 s); the
# provider extracts them as they are and kiln.audio reads mu-law; the data generator
# pads each clip to the sample length.
# $RANDOM is seeded, sox runs without dither (-D) and with repeatable noise (-R), and
# zip entries get a fixed date, so the same tool versions give the same archive.
set -euo pipefail

SEED=${SEED:-20240611}
YES_NO_COUNT=${YES_NO_COUNT:-500}
UNKNOWN_COUNT=${UNKNOWN_COUNT:-36}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT_DIR="$HERE/src/main/resources/kiln/datasets/yes_no"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# English voices that espeak-ng ships itself (no mbrola needed).
VOICES=(en-us en-gb en-gb-scotland en-gb-x-gbclan en-gb-x-rp en-gb-x-gbcwmd en-029 en-us-nyc)
# Voice variants: male, female and klatt voices and the more natural character voices
# (whispers, croak and the cartoon-like ones left out: too unlike speech to learn from ~1000 clips).
VARIANTS=(m1 m2 m3 m4 m5 m6 m7 m8 f1 f2 f3 f4 f5 klatt klatt2 klatt3
  adam Alex Andy ed john linda max paul rob steph travis victor zac anika shelby norbert sandro)
# The unknown pool: words that share no stressed syllable with "yes" or "no" (so no "go",
# "know", "six", "nine", "on", "down", "one", "seven", "learn", "marvin": in a first version
# "no" was mostly confused with the words ending in "-n").
UNKNOWN_WORDS=(up left right off stop zero two three four five eight
  bed bird cat dog happy house sheila tree wow follow forward backward visual)

RANDOM=$SEED
rand() { printf -v "$1" '%d' $(($2 + RANDOM % ($3 - $2 + 1))); }
pick() { local -n list=$2; printf -v "$1" '%s' "${list[$((RANDOM % ${#list[@]}))]}"; }

# speak WORD OUT.wav: one randomized utterance, trimmed, 16 kHz mu-law.
speak() {
  local word=$1 out=$2
  local voice variant speed pitch gain lowpass
  pick voice VOICES
  pick variant VARIANTS
  rand speed 120 210
  rand pitch 25 75
  rand gain 1 12
  rand lowpass 3500 7900
  espeak-ng -v "$voice+$variant" -s "$speed" -p "$pitch" -w "$WORK/raw.wav" "$word"
  sox -D -V1 "$WORK/raw.wav" -r 16000 -c 1 -e mu-law -b 8 "$out" \
    lowpass "$lowpass" rate 16k \
    silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse trim 0 1 norm "-$gain"
}

DATA="$WORK/yes_no"
mkdir -p "$DATA/yes" "$DATA/no" "$DATA/_background_noise_"
for word in yes no; do
  for i in $(seq -w 0 $((YES_NO_COUNT - 1))); do
    speak "$word" "$DATA/$word/espeak${i}_nohash_0.wav"
  done
done
for word in "${UNKNOWN_WORDS[@]}"; do
  mkdir -p "$DATA/$word"
  for i in $(seq -w 0 $((UNKNOWN_COUNT - 1))); do
    speak "$word" "$DATA/$word/espeak${i}_nohash_0.wav"
  done
done

# Background noises, 10 s each, at moderate levels (peaks 0.1-0.5) (-R: sox's repeatable random generator).
noise() { sox -R -D -V1 -n -r 16000 -c 1 -e mu-law -b 8 "$DATA/_background_noise_/$1.wav" synth 10 "${@:2}"; }
noise white_noise whitenoise vol 0.1
noise pink_noise pinknoise vol 0.15
noise brown_noise brownnoise vol 0.3
noise mains_hum square 60 lowpass 400 vol 0.15
noise running_tap pinknoise band 2000 1500 tremolo 7 40 vol 0.3
noise fan_rumble brownnoise lowpass 400 tremolo 0.7 30 vol 0.5
cat > "$DATA/README.txt" <<EOF
Kiln yes_no: synthetic keyword clips made by datasets/yes_no/generate.sh (seed $SEED)
with espeak-ng $(espeak-ng --version | awk '{print $3}') and sox, 16 kHz mono mu-law.
Folders: yes, no, ${#UNKNOWN_WORDS[@]} other words (the _unknown_ pool), _background_noise_.
EOF

# Fixed dates and sorted entries: a reproducible zip.
find "$DATA" -exec touch -d '2024-01-01 00:00:00' {} +
mkdir -p "$OUT_DIR"
rm -f "$OUT_DIR/yes_no.zip"
(cd "$WORK" && find yes_no -type f | LC_ALL=C sort | zip -q -X -9 "$OUT_DIR/yes_no.zip" -@)
(cd "$OUT_DIR" && sha256sum yes_no.zip | awk '{print $1}' > yes_no.zip.sha256)
echo "wrote $OUT_DIR/yes_no.zip ($(stat -c %s "$OUT_DIR/yes_no.zip") bytes, sha256 $(cat "$OUT_DIR/yes_no.zip.sha256"))"
echo "clips: $(find "$DATA" -name '*.wav' | wc -l)"
