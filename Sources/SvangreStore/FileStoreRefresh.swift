import Glibc
import SvangreRules

extension FileRecordStore {
  /// Re-reads the directory and the index: new, changed and removed records, and problems.
  /// Every record file's identity (and owner and mode) is compared with its index line, and
  /// any file that does not match is read again.
  public func refresh() throws(StoreError) {
    var index: StoreIndex.Contents?
    if known.isEmpty {
      // A new instance starts from the index: then, usually, every file matches a line.
      let contents = StoreIndex.read(directory: files)
      index = contents
      indexLines = contents.lines
      known = contents.entries
    }
    // Taken before the listing: a stamp is written only if nothing changed since.
    let before = DirectoryIdentity(fd: files.fd)
    let listing = try FileIO.listRecordFiles(files)
    var newLines: [IndexEntry] = []
    var found: [RecordProblem] = []
    // Records learnt from the index change the list too: an empty store that another
    // process has saved into since the last refresh finds the new record here.
    let learntFromIndex = !(index?.entries.isEmpty ?? true)
    var stale: [(id: String, file: FileIdentity?)] = []
    // A file without a trusted identity is always read again, so that it is reported.
    for item in listing where item.file == nil || known[item.id]?.file != item.file { stale.append(item) }
    let changed = !stale.isEmpty || listing.count != known.count || !refreshed || learntFromIndex
    if listing.count - stale.count != known.count {
      // Records gone from the directory (quarantined, or lines for files never renamed in).
      var present = Set<String>(minimumCapacity: listing.count)
      for item in listing { present.insert(item.id) }
      known = known.filter { present.contains($0.key) }
    }
    for (id, file) in stale {
      if index == nil {
        // Another process saved since: its lines are in the index.
        let contents = StoreIndex.read(directory: files)
        indexLines = contents.lines
        index = contents
      }
      if let entry = index?.entries[id], entry.file == file {
        known[id] = entry
        continue
      }
      switch readFile(id) {
      case .success(let (record, file)):
        let entry = IndexEntry(record: record, file: file, rules: programmeRules)
        known[id] = entry
        newLines.append(entry)
      case .failure(.damaged(_, let damage)):
        known[id] = nil
        found.append(RecordProblem(id: id, damage: damage))
      case .failure(.unknownRecord):
        known[id] = nil  // renamed away between readdir and open
      case .failure(let error):
        throw error
      }
    }
    if changed {
      invalidateCaches()
    }
    problems = found.sorted { $0.id < $1.id }
    refreshed = true
    teachIndex(newLines, listedAfter: before)
  }

  /// The entry of record `id` read again from its file, if `wants` it; nil for a file gone,
  /// or damaged (reported in `problems`).
  func reread(_ id: String, wants: (IndexEntry) -> Bool) throws(StoreError) -> IndexEntry? {
    switch readFile(id) {
    case .success(let (record, file)):
      let entry = IndexEntry(record: record, file: file, rules: programmeRules)
      return wants(entry) ? entry : nil
    case .failure(.damaged(_, let damage)):
      problems.append(RecordProblem(id: id, damage: damage))
      return nil
    case .failure(.unknownRecord): return nil
    case .failure(let error): throw error
    }
  }

  /// Teaches the index what a refresh learnt, if no one is saving right now (a busy store
  /// just means the next opener re-reads the same files): the lines it read from files,
  /// or the whole index again when most of it is superseded or when it has no stamp that
  /// still holds. A rewrite is stamped when the directory is as it was listed (`before`).
  private func teachIndex(_ newLines: [IndexEntry], listedAfter before: DirectoryIdentity?) {
    let compact = indexLines > 2 * known.count + 1_000
    // An empty store has nothing to stamp (and taking the lock would create its lock file,
    // a change every terminal watching the store would read again for nothing).
    let unstamped =
      !known.isEmpty && problems.count <= IndexStamp.unreadableLimit && IndexStamp.current(in: files) == nil
    guard !newLines.isEmpty || compact || unstamped else { return }
    guard let lock = StoreLock.tryAcquire(directory: files, now: clock.now()) else { return }
    defer { lock.release() }
    let unchanged = before != nil && DirectoryIdentity(fd: files.fd) == before
    if compact || (unstamped && unchanged) {
      let stampBefore = directoryStamp()
      guard (try? StoreIndex.rewrite(directory: files, Array(known.values))) != nil else { return }
      if unchanged { ownIndexWrite = (stampBefore, []) }
      indexLines = known.count
      if unchanged, problems.count <= IndexStamp.unreadableLimit, let directory = DirectoryIdentity(fd: files.fd) {
        StoreIndex.append(
          directory: files, IndexStamp(directory: directory, records: known.count, unreadable: problems.map(\.id)))
      }
      if unchanged { ownIndexWrite?.after = directoryStamp() }
    } else if !newLines.isEmpty {
      StoreIndex.append(directory: files, newLines)
      indexLines += newLines.count
    }
  }
}
