import { buildImageWorldModel, float32Tensor, IMAGE_WORLD, imageToTensor, loadImageAdapter, ModelRunner, type RgbImage } from '@prodsim/ground-truth-models';

/**
 * The embedder a team's images service runs in bench/images' designs. `tiny`: a CNN of the image
 * world's size (3 conv layers at 64x64, weights of its own, thousands of images/s); `paddle`: the
 * PP-OCRv4 detection trunk, a real pretrained CNN (256x256, tens/s). Each embedding is a copy of
 * its own, so a cache may keep it.
 */
export async function makeEmbedder(kind: string): Promise<(images: RgbImage[]) => Promise<Float32Array[]>> {
  if (kind === 'paddle') {
    const adapter = await loadImageAdapter('paddleocr-det', { intraOpNumThreads: 1 });
    return async (images) => (await adapter.readMany(images)).map((r) => r.embedding.slice());
  }
  const runner = await ModelRunner.create(buildImageWorldModel({ seed: 'a team model, not the secret world' }).bytes, {
    intraOpNumThreads: 1,
    outputs: [IMAGE_WORLD.outputs.embedding],
  });
  return async (images) => {
    const item = 3 * 64 * 64;
    const data = new Float32Array(images.length * item);
    images.forEach((img, i) => imageToTensor(img, { width: 64, height: 64, layout: 'NCHW', scale: 1 / 255 }, data, i * item));
    const out = (await runner.run({ [IMAGE_WORLD.input]: float32Tensor([images.length, 3, 64, 64], data) }))[IMAGE_WORLD.outputs.embedding]
      .data as Float32Array;
    const dim = out.length / images.length;
    return images.map((_, i) => out.slice(i * dim, (i + 1) * dim));
  };
}
