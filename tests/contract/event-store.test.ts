import { postgres, sqliteFile, sqliteMemory } from "../support/stores.js"
import { testEventStore } from "./event-store.contract.js"
import { testEventStoreIntegrity } from "./event-store-integrity.contract.js"

testEventStore(sqliteMemory, { multiProcess: false })
testEventStore(sqliteFile, { multiProcess: true })
testEventStore(postgres, { multiProcess: true })
for (const target of [sqliteMemory, sqliteFile, postgres]) testEventStoreIntegrity(target)
