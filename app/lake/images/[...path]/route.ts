import { proxyLakeImage } from '@/lib/content/image-proxy'

export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return proxyLakeImage((await params).path, new URL(request.url).search, request.headers.get('accept'))
}
