package io.itinera.runtime.state;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

class RocksDbStateStoreTest {
	@TempDir
	Path dir;

	@Test
	void aStateDirectoryOfAnOlderLayoutIsRefusedWithWhatToDo() throws Exception {
		RocksDB.loadLibrary();
		try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
				ColumnFamilyOptions family = new ColumnFamilyOptions()) {
			List<ColumnFamilyHandle> handles = new ArrayList<>();
			List<ColumnFamilyDescriptor> olderLayout = List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, family),
					new ColumnFamilyDescriptor("states".getBytes(StandardCharsets.UTF_8), family),
					new ColumnFamilyDescriptor("timers".getBytes(StandardCharsets.UTF_8), family));
			try (RocksDB db = RocksDB.open(options, dir.toString(), olderLayout, handles)) {
				handles.forEach(ColumnFamilyHandle::close);
			}
		}
		IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new RocksDbStateStore(dir).close());
		assertTrue(refused.getMessage().contains("older version") && refused.getMessage().contains("another --state directory"),
				refused.getMessage());
	}
}
