console.log('[folio] postinstall: nothing to do yet');
