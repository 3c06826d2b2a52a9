#!/bin/sh
# Makes the hall's default voice pack (resources/voice/default): one WAV clip per token the call
# display says — digits, letters and the words of the call sentence — with Debian's espeak-ng
# Mandarin voice (cmn), offline, then trimmed and checked with sox. A hall replaces any clip with
# its own recording of the same name (16 kHz mono 16-bit PCM WAV), keeping manifest.json.
#
#   apt-get install espeak-ng sox
#   sh scripts/make-voice-pack.sh [out-dir]
set -eu
OUT="${1:-resources/voice/default}"
command -v espeak-ng >/dev/null || { echo "espeak-ng is missing: apt-get install espeak-ng" >&2; exit 1; }
command -v sox >/dev/null || { echo "sox is missing: apt-get install sox" >&2; exit 1; }
mkdir -p "$OUT"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# token|file|what espeak-ng says (letters are said as halls say them: A as "A", not 诶)
TOKENS='请|qing|请
号|hao|号
到|dao|到
窗口|chuangkou|窗口
办理|banli|办理
重复|chongfu|重复
0|d0|零
1|d1|幺
2|d2|二
3|d3|三
4|d4|四
5|d5|五
6|d6|六
7|d7|七
8|d8|八
9|d9|九'
for L in A B C D E F G H I J K L M N O P Q R S T U V W X Y Z; do
  TOKENS="$TOKENS
$L|l$L|$L"
done

echo '{' > "$OUT/manifest.json"
FIRST=1
echo "$TOKENS" | while IFS='|' read -r token file say; do
  espeak-ng -v cmn -s 150 -w "$TMP/$file.raw.wav" "$say"
  # 16 kHz mono 16-bit, silence trimmed at both ends, peaks at -3 dBFS (no clipping), 40 ms pad.
  sox "$TMP/$file.raw.wav" -r 16000 -c 1 -b 16 "$OUT/$file.wav" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse norm -3 pad 0.04 0.04
  LEN="$(sox --i -D "$OUT/$file.wav")"
  PEAK="$(sox "$OUT/$file.wav" -n stat 2>&1 | awk '/Maximum amplitude/ {print $3}')"
  echo "$token $file.wav ${LEN}s peak $PEAK" >&2
  awk -v l="$LEN" 'BEGIN { if (l < 0.1 || l > 1.5) { print "clip length out of range" > "/dev/stderr"; exit 1 } }'
  if [ "$FIRST" = 1 ]; then FIRST=0; else echo ',' >> "$OUT/manifest.json"; fi
  printf '  "%s": "%s.wav"' "$token" "$file" >> "$OUT/manifest.json"
done
echo '' >> "$OUT/manifest.json"
echo '}' >> "$OUT/manifest.json"
echo "voice pack written to $OUT" >&2
