import { postgres, sqliteFile, sqliteMemory } from "../support/stores.js"
import { testEventStore } from "./event-store.contract.js"

testEventStore(sqliteMemory, { multiProcess: false })
testEventStore(sqliteFile, { multiProcess: true })
testEventStore(postgres, { multiProcess: true })
