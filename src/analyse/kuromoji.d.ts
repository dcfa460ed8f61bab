// Type declarations for the parts of kuromoji 0.1.2 (untyped CommonJS) this project uses, and for
// the dictionary container imported as a wrangler Data module (`[[rules]] type = "Data"`).

/** One token as kuromoji's IpadicFormatter emits it ("*" where IPADIC has no value). */
interface KuromojiIpadicToken {
  word_id: number;
  word_type: 'KNOWN' | 'UNKNOWN';
  word_position: number;
  surface_form: string;
  pos: string;
  pos_detail_1: string;
  pos_detail_2: string;
  pos_detail_3: string;
  conjugated_type: string;
  conjugated_form: string;
  basic_form: string;
  reading?: string;
  pronunciation?: string;
}

interface KuromojiTokenizer {
  tokenize(text: string): KuromojiIpadicToken[];
}

interface KuromojiTokenInfoDictionary {
  dictionary: { buffer: Uint8Array };
  pos_buffer: { buffer: Uint8Array };
  targetMapToBuffer(): Uint8Array;
}

interface KuromojiUnknownDictionary extends KuromojiTokenInfoDictionary {
  character_definition: {
    character_category_map: Uint8Array;
    compatible_category_map: Uint32Array;
    invoke_definition_map: { toBuffer(): Uint8Array };
  };
}

/** Built dictionaries as kuromoji holds them (only the buffers the builder script serialises). */
interface KuromojiDynamicDictionaries {
  trie: { bc: { getBaseBuffer(): Int32Array; getCheckBuffer(): Int32Array } };
  token_info_dictionary: KuromojiTokenInfoDictionary;
  connection_costs: { buffer: Int16Array };
  unknown_dictionary: KuromojiUnknownDictionary;
  loadTrie(base: Int32Array, check: Int32Array): KuromojiDynamicDictionaries;
  loadTokenInfoDictionaries(tokenInfo: Uint8Array, pos: Uint8Array, targetMap: Uint8Array): KuromojiDynamicDictionaries;
  loadConnectionCosts(cc: Int16Array): KuromojiDynamicDictionaries;
  loadUnknownDictionaries(
    unk: Uint8Array,
    unkPos: Uint8Array,
    unkMap: Uint8Array,
    catMap: Uint8Array,
    compatCatMap: Uint32Array,
    invokeDef: Uint8Array,
  ): KuromojiDynamicDictionaries;
}

interface KuromojiDictionaryBuilder {
  addTokenInfoDictionary(line: string): KuromojiDictionaryBuilder;
  putCostMatrixLine(line: string): KuromojiDictionaryBuilder;
  putCharDefLine(line: string): KuromojiDictionaryBuilder;
  putUnkDefLine(line: string): KuromojiDictionaryBuilder;
  build(): KuromojiDynamicDictionaries;
}

declare module 'kuromoji' {
  const kuromoji: {
    builder(option: { dicPath: string }): {
      build(callback: (err: unknown, tokenizer: KuromojiTokenizer) => void): void;
    };
    dictionaryBuilder(): KuromojiDictionaryBuilder;
  };
  export default kuromoji;
}

declare module 'kuromoji/src/Tokenizer.js' {
  const Tokenizer: new (dic: KuromojiDynamicDictionaries) => KuromojiTokenizer;
  export default Tokenizer;
}

declare module 'kuromoji/src/dict/DynamicDictionaries.js' {
  /** Arguments left null get kuromoji's empty defaults. */
  const DynamicDictionaries: new (
    trie: null,
    tokenInfo: KuromojiTokenInfoDictionary | null,
    connectionCosts: null,
    unknown: KuromojiUnknownDictionary | null,
  ) => KuromojiDynamicDictionaries;
  export default DynamicDictionaries;
}

// Only their prototypes are used: the constructors allocate 2 × 10 MiB each (see tokenizer.ts).
declare module 'kuromoji/src/dict/TokenInfoDictionary.js' {
  const TokenInfoDictionary: { prototype: KuromojiTokenInfoDictionary };
  export default TokenInfoDictionary;
}

declare module 'kuromoji/src/dict/UnknownDictionary.js' {
  const UnknownDictionary: { prototype: KuromojiUnknownDictionary };
  export default UnknownDictionary;
}

// wrangler (esbuild) and vitest-pool-workers turn a `[[rules]] type = "Data"` import into its bytes.
declare module '*.bin' {
  const bytes: ArrayBuffer;
  export default bytes;
}
