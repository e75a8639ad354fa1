// uPlot draws on a canvas, which happy-dom does not have: tests mock 'uplot' with this stand-in (or a subclass that
// records what the component asks of it).
export class UplotStandIn {
  /** What RateChart measures its axis labels with: the axes' fonts and the canvas context. */
  axes = [{}, { font: ['12px sans-serif'] }, { font: ['12px sans-serif'] }]
  ctx = {
    font: '',
    measureText: (text: string) => ({
      width: text.length * 7,
      actualBoundingBoxLeft: 0,
      actualBoundingBoxRight: 0,
    }),
  }

  setData(_data: number[][]): void {}
  setSize(): void {}
  destroy(): void {}
}
