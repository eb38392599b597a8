#!/usr/bin/env node
// The package registry this project installs from serves only the Linux builds of packages that ship
// one binary package per platform (biome, rollup, msgpackr-extract), so `npm install` cannot record
// the others in package-lock.json, and `npm ci` then refuses the lockfile as out of sync. This adds
// an entry for each such optional package that names its platform, so that `npm ci` knows to skip it
// (as it would on any other machine) instead of finding it missing. Run after `npm install`.
import { readFileSync, writeFileSync } from "node:fs"

const path = process.argv[2] ?? "package-lock.json"
const lock = JSON.parse(readFileSync(path, "utf8"))
const packages = lock.packages

const osNames = [
  "android",
  "darwin",
  "freebsd",
  "openbsd",
  "netbsd",
  "sunos",
  "aix",
  "win32",
  "linux",
  "openharmony",
]
const cpuNames = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "mips64el"]

const platformOf = (name) => {
  const parts = name.split("/").pop().split("-")
  const os = parts.find((p) => osNames.includes(p))
  const cpu =
    parts.find((p) => cpuNames.includes(p)) ??
    (parts.includes("gnueabihf") || parts.includes("musleabihf") ? "arm" : undefined)
  if (!os || !cpu) return undefined
  const libc = parts.some((p) => p.startsWith("musl")) ? ["musl"] : os === "linux" ? ["glibc"] : undefined
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) }
}

let added = 0
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = location === "" ? "" : `${location}/`
    const candidates = [`${base}node_modules/${name}`, `node_modules/${name}`]
    if (candidates.some((c) => packages[c])) continue
    const platform = platformOf(name)
    if (!platform) continue
    packages[`node_modules/${name}`] = { version, optional: true, ...platform }
    added++
  }
}

const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)),
)
lock.packages = sorted
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`)
console.log(`complete-lockfile: added ${added} platform entries`)
