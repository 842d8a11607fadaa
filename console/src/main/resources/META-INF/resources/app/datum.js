// Datums. Every coordinate of the suite (reports, grid boundaries, buildings) is WGS-84, as GPS gives it.
// Tianditu and most government tiles are drawn in WGS-84 (CGCS2000 differs by centimetres): points are drawn as they are.
// Gaode/AMap and Tencent tiles are in GCJ-02, the obfuscated datum of Chinese web maps (offset 100-700 m): with
// baseMapDatum GCJ02 every point is shifted into GCJ-02 to be drawn, and a tap on the map is shifted back to WGS-84
// before it is sent. Outside mainland China GCJ-02 equals WGS-84.

const A = 6378245.0;
const EE = 0.00669342162296594323;

function outOfChina(lat, lon) {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function tLat(x, y) {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
  r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
  r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
  return r;
}

function tLon(x, y) {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
  r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
  r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
  return r;
}

/** WGS-84 → GCJ-02 */
export function wgsToGcj(lat, lon) {
  if (outOfChina(lat, lon)) return [lat, lon];
  let dLat = tLat(lon - 105.0, lat - 35.0);
  let dLon = tLon(lon - 105.0, lat - 35.0);
  const radLat = lat / 180.0 * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
  dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
  return [lat + dLat, lon + dLon];
}

/** GCJ-02 → WGS-84, by iteration (error below 1 cm) */
export function gcjToWgs(lat, lon) {
  let wLat = lat, wLon = lon;
  for (let i = 0; i < 10; i++) {
    const [gLat, gLon] = wgsToGcj(wLat, wLon);
    wLat -= gLat - lat;
    wLon -= gLon - lon;
  }
  return [wLat, wLon];
}

/** the functions between the suite's WGS-84 and the base map's datum */
export function datum(name) {
  return name === 'GCJ02'
    ? { toMap: (lat, lon) => wgsToGcj(lat, lon), fromMap: (lat, lon) => gcjToWgs(lat, lon) }
    : { toMap: (lat, lon) => [lat, lon], fromMap: (lat, lon) => [lat, lon] };
}
