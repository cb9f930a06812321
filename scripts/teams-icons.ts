/**
 * Draws the two Teams app icons (manifest/color.png, manifest/outline.png).
 *
 * The PNGs are checked in; run this only to redraw them:
 *   npm run build && node dist/scripts/teams-icons.js [outDir]
 *
 * No image library is needed: shapes are signed-distance functions, each pixel is
 * supersampled for antialiasing, and the PNG is encoded with node:zlib.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** Signed distance from a point to a shape: negative inside, positive outside (in pixels). */
type Shape = (x: number, y: number) => number;
type Rgba = readonly [number, number, number, number];

export interface Image {
  readonly width: number;
  readonly height: number;
  /** Straight (non-premultiplied) RGBA, 4 bytes a pixel, rows top to bottom. */
  readonly rgba: Uint8Array;
}

// ---------------------------------------------------------------- shapes

function roundedRect(x0: number, y0: number, x1: number, y1: number, radius: number): Shape {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - radius;
  const hy = (y1 - y0) / 2 - radius;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
    return outside + Math.min(Math.max(qx, qy), 0) - radius;
  };
}

function circle(cx: number, cy: number, radius: number): Shape {
  return (x, y) => Math.hypot(x - cx, y - cy) - radius;
}

/** A stroke of the given width along a polyline, with round caps and joins. */
function polyline(points: ReadonlyArray<readonly [number, number]>, width: number): Shape {
  return (x, y) => {
    let best = Infinity;
    for (let i = 1; i < points.length; i++) {
      const [ax, ay] = points[i - 1]!;
      const [bx, by] = points[i]!;
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
      best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
    }
    return best - width / 2;
  };
}

/** A convex polygon, its corners in either winding order. */
function convexPolygon(points: ReadonlyArray<readonly [number, number]>): Shape {
  // Twice the signed area: its sign tells the winding, so "outside" is always positive.
  let area = 0;
  points.forEach(([ax, ay], i) => {
    const [bx, by] = points[(i + 1) % points.length]!;
    area += ax * by - bx * ay;
  });
  const winding = Math.sign(area) || 1;
  return (x, y) => {
    let distance = -Infinity;
    points.forEach(([ax, ay], i) => {
      const [bx, by] = points[(i + 1) % points.length]!;
      const edge = ((x - ax) * (by - ay) - (y - ay) * (bx - ax)) / Math.hypot(bx - ax, by - ay);
      distance = Math.max(distance, edge * winding);
    });
    return distance;
  };
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.min(...shapes.map((shape) => shape(x, y)));
const outline =
  (shape: Shape, width: number): Shape =>
  (x, y) =>
    Math.abs(shape(x, y)) - width / 2;

// ---------------------------------------------------------------- glyphs (unit box 0..1)

/** A speech bubble with a tail at the lower left, scaled into a `size` box at (ox, oy). */
function bubble(size: number, ox = 0, oy = 0): Shape {
  const s = (v: number) => v * size;
  return union(
    roundedRect(ox, oy, ox + s(1), oy + s(0.8), s(0.22)),
    convexPolygon([
      [ox + s(0.2), oy + s(0.7)],
      [ox + s(0.44), oy + s(0.7)],
      [ox + s(0.14), oy + s(1.02)],
    ]),
  );
}

/** A question mark (hook, stem, dot) `size` tall, centred on cx, top at `top`. */
function questionMark(size: number, cx: number, top: number, stroke: number): Shape {
  const r = size * 0.2;
  const hookY = top + stroke / 2 + r;
  const dotR = stroke * 0.62;
  const points: Array<[number, number]> = [];
  // Hook: from the left, over the top, down the right side (angles with y pointing down).
  for (let deg = 195; deg <= 420; deg += 7.5) {
    const a = (deg * Math.PI) / 180;
    points.push([cx + r * Math.cos(a), hookY + r * Math.sin(a)]);
  }
  const stemEnd = top + size - 2 * dotR - stroke * 0.7 - stroke / 2;
  points.push([cx, Math.min(hookY + r * 1.35, stemEnd)], [cx, stemEnd]);
  return union(polyline(points, stroke), circle(cx, top + size - dotR, dotR));
}

// ---------------------------------------------------------------- raster + PNG

function render(width: number, height: number, layers: ReadonlyArray<readonly [Shape, Rgba]>): Image {
  const rgba = new Uint8Array(width * height * 4);
  const grid = 4; // 4x4 samples a pixel
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const [shape, color] of layers) {
        let hits = 0;
        for (let sy = 0; sy < grid; sy++) {
          for (let sx = 0; sx < grid; sx++) {
            if (shape(px + (sx + 0.5) / grid, py + (sy + 0.5) / grid) <= 0) hits++;
          }
        }
        const alpha = (hits / (grid * grid)) * (color[3] / 255);
        if (alpha === 0) continue;
        // "Source over" compositing in straight alpha.
        const outA = alpha + a * (1 - alpha);
        r = (color[0] * alpha + r * a * (1 - alpha)) / outA;
        g = (color[1] * alpha + g * a * (1 - alpha)) / outA;
        b = (color[2] * alpha + b * a * (1 - alpha)) / outA;
        a = outA;
      }
      rgba.set([r, g, b, a * 255].map(Math.round), (py * width + px) * 4);
    }
  }
  return { width, height, rgba };
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes an 8-bit RGBA PNG (colour type 6, no filtering). */
export function encodePng(image: Image): Buffer {
  const { width, height, rgba } = image;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth, colour type RGBA, compression, filter, interlace
  const rowBytes = width * 4;
  const scanlines = Buffer.alloc((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    scanlines[y * (rowBytes + 1)] = 0; // filter type: none
    scanlines.set(rgba.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- the two icons

const BRAND_RED: Rgba = [0x8c, 0x1d, 0x2b, 255];
const WHITE: Rgba = [255, 255, 255, 255];

/** 192x192: a red rounded tile with a white speech bubble holding a red question mark. */
export function colorIcon(): Image {
  const size = 192;
  return render(size, size, [
    [roundedRect(0, 0, size, size, 40), BRAND_RED],
    [bubble(116, 38, 40), WHITE],
    [questionMark(64, 96, 55, 11), BRAND_RED],
  ]);
}

/** 32x32: a white outlined speech bubble with a question mark, on transparency. */
export function outlineIcon(): Image {
  const size = 32;
  const glyph = union(outline(bubble(27, 2.5, 2.5), 2), questionMark(15, 16, 6.3, 2.2));
  return render(size, size, [[glyph, WHITE]]);
}

function main(): void {
  const outDir = path.resolve(process.argv[2] ?? 'manifest');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'color.png'), encodePng(colorIcon()));
  fs.writeFileSync(path.join(outDir, 'outline.png'), encodePng(outlineIcon()));
  console.log(`Wrote color.png and outline.png to ${outDir}`);
}

if (require.main === module) main();
