// The zip writer moved to lib/ (the demo roster download uses it); tests keep importing it here.
export { buildZip, type ZipInput } from "@/lib/zip/build-zip";
