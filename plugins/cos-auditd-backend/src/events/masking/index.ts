export { isSecretName, MASK, maskArgv } from './maskArgv';
export {
  auditEncode,
  maskExecveText,
  maskProctitleText,
  maskUserCmdText,
} from './maskRecordText';
