// A small grey-scale rasteriser, so the PNG kit needs no canvas, wasm or system package and comes
// out byte for byte the same in Node and in browsers (decision 42). Glyph outlines come from the
// kit font through fontkit; Béziers are flattened and filled by non-zero winding, with 4 sub-scanlines
// per pixel row and exact horizontal coverage.
import type { Font } from "@pdf-lib/fontkit"

type Point = readonly [number, number]
interface PathCommand {
  readonly command: "moveTo" | "lineTo" | "quadraticCurveTo" | "bezierCurveTo" | "closePath"
  readonly args: ReadonlyArray<number>
}

const subScanlines = 4
const curveSteps = 8

export class Raster {
  /** Ink per pixel, 0 (paper) to 1 (black). */
  private readonly cover: Float32Array
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.cover = new Float32Array(width * height)
  }

  rectangle(x: number, y: number, w: number, h: number): void {
    for (let row = Math.max(0, y); row < Math.min(this.height, y + h); row++) {
      this.cover.fill(1, row * this.width + Math.max(0, x), row * this.width + Math.min(this.width, x + w))
    }
  }

  /** Draws `text` with its baseline at `y`; answers the advance width in pixels. */
  text(font: Font, text: string, x: number, y: number, size: number): number {
    const run = font.layout(text)
    const scale = size / font.unitsPerEm
    let pen = x
    run.glyphs.forEach((glyph, i) => {
      const position = run.positions[i]!
      const commands = (glyph.path as unknown as { commands: ReadonlyArray<PathCommand> }).commands
      this.fill(outline(commands, pen + position.xOffset * scale, y - position.yOffset * scale, scale))
      pen += position.xAdvance * scale
    })
    return pen - x
  }

  /** 8-bit grey, white paper. */
  grey(): Uint8Array {
    const out = new Uint8Array(this.cover.length)
    for (let i = 0; i < out.length; i++) out[i] = 255 - Math.round(255 * Math.min(1, this.cover[i]!))
    return out
  }

  private fill(polygons: ReadonlyArray<ReadonlyArray<Point>>): void {
    const edges: Array<readonly [number, number, number, number, number]> = []
    for (const p of polygons) {
      for (let i = 0; i < p.length; i++) {
        const [x0, y0] = p[i]!
        const [x1, y1] = p[(i + 1) % p.length]!
        if (y0 !== y1) edges.push(y0 < y1 ? [x0, y0, x1, y1, 1] : [x1, y1, x0, y0, -1])
      }
    }
    if (edges.length === 0) return
    const top = Math.max(0, Math.floor(Math.min(...edges.map((e) => e[1]))))
    const bottom = Math.min(this.height - 1, Math.ceil(Math.max(...edges.map((e) => e[3]))))
    for (let row = top; row <= bottom; row++) {
      for (let s = 0; s < subScanlines; s++) {
        const y = row + (s + 0.5) / subScanlines
        const crossings: Array<readonly [number, number]> = []
        for (const [x0, y0, x1, y1, dir] of edges) {
          if (y >= y0 && y < y1) crossings.push([x0 + ((y - y0) * (x1 - x0)) / (y1 - y0), dir])
        }
        crossings.sort((a, b) => a[0] - b[0])
        let winding = 0
        for (let i = 0; i < crossings.length - 1; i++) {
          winding += crossings[i]![1]
          if (winding !== 0) this.span(row, crossings[i]![0], crossings[i + 1]![0])
        }
      }
    }
  }

  private span(row: number, from: number, to: number): void {
    const a = Math.max(0, from)
    const b = Math.min(this.width, to)
    if (b <= a) return
    const w = 1 / subScanlines
    const base = row * this.width
    let x = Math.floor(a)
    if (Math.floor(b) === x) {
      this.cover[base + x]! += (b - a) * w
      return
    }
    this.cover[base + x]! += (x + 1 - a) * w
    for (x++; x < Math.floor(b); x++) this.cover[base + x]! += w
    if (x < this.width) this.cover[base + x]! += (b - x) * w
  }
}

// Font units (y up) to pixels (y down), curves flattened into straight segments.
const outline = (commands: ReadonlyArray<PathCommand>, ox: number, oy: number, scale: number) => {
  const polygons: Point[][] = []
  let current: Point[] = []
  let [cx, cy, sx, sy] = [0, 0, 0, 0]
  const at = (x: number, y: number): Point => [ox + x * scale, oy - y * scale]
  for (const { command, args: a } of commands) {
    if (command === "moveTo") {
      if (current.length > 0) polygons.push(current)
      ;[cx, cy, sx, sy] = [a[0]!, a[1]!, a[0]!, a[1]!]
      current = [at(cx, cy)]
    } else if (command === "lineTo") {
      ;[cx, cy] = [a[0]!, a[1]!]
      current.push(at(cx, cy))
    } else if (command === "quadraticCurveTo") {
      for (let t = 1; t <= curveSteps; t++) {
        const u = t / curveSteps
        const v = 1 - u
        current.push(
          at(v * v * cx + 2 * v * u * a[0]! + u * u * a[2]!, v * v * cy + 2 * v * u * a[1]! + u * u * a[3]!),
        )
      }
      ;[cx, cy] = [a[2]!, a[3]!]
    } else if (command === "bezierCurveTo") {
      for (let t = 1; t <= curveSteps; t++) {
        const u = t / curveSteps
        const v = 1 - u
        current.push(
          at(
            v * v * v * cx + 3 * v * v * u * a[0]! + 3 * v * u * u * a[2]! + u * u * u * a[4]!,
            v * v * v * cy + 3 * v * v * u * a[1]! + 3 * v * u * u * a[3]! + u * u * u * a[5]!,
          ),
        )
      }
      ;[cx, cy] = [a[4]!, a[5]!]
    } else {
      current.push(at(sx, sy))
      polygons.push(current)
      current = []
      ;[cx, cy] = [sx, sy]
    }
  }
  if (current.length > 0) polygons.push(current)
  return polygons
}
